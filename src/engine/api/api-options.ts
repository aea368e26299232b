import type { Status } from './status';
import type { KubeObject, LabelSelector } from './types';
import type { RequestContext } from './hooks';

/** The options and results of ApiServer requests, and the storage gate it consults. */

export interface ListOptions {
  namespace?: string;
  labelSelector?: LabelSelector;
  /** Supported field selectors: metadata.name, metadata.namespace, spec.nodeName, status.phase, involvedObject.* */
  fieldSelector?: Record<string, string>;
  /** '0' = served from the watch cache (what informers list with): works while etcd has no quorum. */
  resourceVersion?: string;
}

export interface ListResult<T extends KubeObject> {
  items: T[];
  resourceVersion: string;
}

export interface CreateOptions {
  /**
   * The input is the caller's fresh object, handed over: stored without a defensive copy.
   * Below its own records (the object, its metadata and spec) it may hold parts of other
   * stored objects (a ReplicaSet's template containers and labels): immutable, so hooks only
   * write to those three records and default a container on a copy.
   */
  owned?: boolean;
}

export interface UpdateOptions {
  /**
   * With subresource 'status': the input's status is the caller's fresh object without
   * undefined-valued keys that it never changes again; the server keeps it uncloned.
   */
  owned?: boolean;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Something in front of etcd that may refuse service (quorum loss, NOSPACE): HA plugs in here. */
export interface StorageGate {
  /** undefined = writes may proceed; otherwise the Status the API server returns. */
  writeError(ctx?: RequestContext): Status | undefined;
  readError(ctx?: RequestContext): Status | undefined;
  /**
   * For reads served from the watch cache (an informer's list with resourceVersion=0): they
   * need an API server that answers, not etcd. undefined = served; absent = as readError.
   */
  cacheReadError?(ctx?: RequestContext): Status | undefined;
}
