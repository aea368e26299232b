import type { ComponentRecord, DatastoreKind } from '../../protocol/records';

/**
 * How the page names what keeps the cluster's state: the `etcd` component's box, its
 * inspector, and its sequence lane. The component id stays `etcd` everywhere (records, the
 * interaction log); only the words change for a single k3s server, whose state is in SQLite
 * behind kine (an etcd-API shim inside the k3s process).
 */
export interface DatastoreName {
  /** Box, lane and inspector title. */
  readonly label: string;
  /** In a sentence: "The API server stores the Pod web-1 in …". */
  readonly subject: string;
  /** The inspector's one-line description. */
  readonly about: string;
}

export const DATASTORE_NAME: Record<DatastoreKind, DatastoreName> = {
  etcd: { label: 'etcd', subject: 'etcd', about: 'The key-value store holding every object. Only the API server talks to it.' },
  'kine-sqlite': {
    label: 'kine (SQLite)',
    subject: 'SQLite through kine',
    about: 'A single k3s server keeps every object in SQLite, through kine: an etcd API inside the k3s process. Only the API server talks to it.',
  },
};

/** The part of the mirror's state the datastore is read from. */
interface ComponentsView {
  readonly controlPlaneNames: readonly string[];
  readonly mirror: { readonly data: { readonly components: ReadonlyMap<string, ComponentRecord> } };
}

/** The cluster's datastore, as its etcd component records name it (absent: etcd). */
export function selectDatastore(s: ComponentsView): DatastoreKind {
  for (const cp of s.controlPlaneNames) {
    const d = s.mirror.data.components.get(`etcd/${cp}`)?.datastore;
    if (d) return d;
  }
  return 'etcd';
}
