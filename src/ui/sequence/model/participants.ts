/**
 * Sequence participants from the interaction log's component ids, in the fixed order the
 * lesson draws them: You, API server, etcd, controllers, Scheduler, kubelet and container
 * runtime per node, then anything else. With many nodes, the kubelets share one lane (and
 * the runtimes another) so the diagram stays readable.
 */

export type ParticipantKind = 'user' | 'apiserver' | 'etcd' | 'controller' | 'scheduler' | 'kubelet' | 'runtime' | 'node' | 'other';

export interface Participant {
  /** The component id (`kubelet/worker-1`), or `kubelet/*` for the shared lane. */
  readonly key: string;
  readonly label: string;
  readonly kind: ParticipantKind;
  /** Who "does" something in a caption: `the Deployment controller`, `kubectl`. */
  readonly subject: string;
  /** A shared lane of many nodes: captions say "the kubelets report". */
  readonly plural?: boolean;
  /** Set for a one-node lane. */
  readonly node?: string;
  /** Sort order; ties break by `sortName`. */
  readonly rank: number;
  readonly sortName: string;
}

/**
 * How the etcd lane is named: after the cluster's datastore (`kine (SQLite)`, "SQLite through
 * kine" on a single k3s server). Its key stays `etcd`, as the interaction log's id.
 */
export interface DatastoreLane {
  readonly label: string;
  readonly subject: string;
}

export const ETCD_LANE: DatastoreLane = { label: 'etcd', subject: 'etcd' };

/** Past this many nodes in one operation, kubelets (and runtimes) share a lane. */
export const MAX_NODE_LANES = 3;

const CONTROLLER_ORDER = [
  'deployment', 'replicaset', 'daemonset', 'statefulset', 'job', 'cronjob', 'endpointslice', 'endpoints', 'namespace',
  'serviceaccount', 'disruption', 'node-lifecycle', 'taint-eviction', 'garbage-collector', 'pod-garbage-collector',
];

const CONTROLLER_NAMES: Record<string, string> = {
  deployment: 'Deployment controller',
  replicaset: 'ReplicaSet controller',
  daemonset: 'DaemonSet controller',
  statefulset: 'StatefulSet controller',
  job: 'Job controller',
  cronjob: 'CronJob controller',
  endpointslice: 'EndpointSlice controller',
  endpoints: 'Endpoints controller',
  namespace: 'Namespace controller',
  serviceaccount: 'ServiceAccount controller',
  disruption: 'Disruption controller',
  'node-lifecycle': 'Node lifecycle controller',
  'taint-eviction': 'Taint eviction controller',
  'garbage-collector': 'Garbage collector',
  'pod-garbage-collector': 'Pod GC controller',
};

const RANK = { user: 0, apiserver: 100, etcd: 200, controller: 300, scheduler: 500, node: 600, other: 900 } as const;

/** worker-2 before worker-10. */
export function naturalKey(name: string): string {
  return name.replace(/\d+/g, (d) => d.padStart(8, '0'));
}

function controller(id: string): Participant {
  const short = id.slice(id.indexOf('/') + 1).replace(/-controller$/, '');
  const idx = CONTROLLER_ORDER.indexOf(short);
  const label = CONTROLLER_NAMES[short] ?? `${short.replace(/-/g, ' ')} controller`;
  return { key: id, label, kind: 'controller', subject: `the ${label}`, rank: RANK.controller + (idx < 0 ? 99 : idx), sortName: short };
}

function nodeLane(kind: 'kubelet' | 'runtime', node: string | undefined, nodes: number): Participant {
  const what = kind === 'kubelet' ? 'kubelet' : 'container runtime';
  const sub = kind === 'kubelet' ? 0 : 1;
  if (node === undefined) {
    const label = `${what}s (${nodes} nodes)`;
    return { key: `${kind}/*`, label, kind, subject: `the ${what}s`, plural: true, rank: RANK.node + sub, sortName: '' };
  }
  const label = `${what} on ${node}`;
  return { key: `${kind}/${node}`, label, kind, subject: `the ${label}`, node, rank: RANK.node, sortName: `${naturalKey(node)}/${sub}` };
}

/**
 * Maps component ids to lanes. `collapseNodes` is decided once per operation from the
 * number of distinct nodes whose kubelets take part.
 */
export class ParticipantMap {
  private readonly cache = new Map<string, Participant>();

  constructor(
    readonly collapseNodes: boolean,
    readonly nodeCount: number,
    readonly datastore: DatastoreLane = ETCD_LANE,
  ) {}

  of(id: string): Participant {
    let p = this.cache.get(id);
    if (!p) this.cache.set(id, (p = this.build(id)));
    return p;
  }

  private build(id: string): Participant {
    const slash = id.indexOf('/');
    const head = slash < 0 ? id : id.slice(0, slash);
    const rest = slash < 0 ? '' : id.slice(slash + 1);
    if (head === 'user' || id === 'helm' || id === 'kubectl') {
      const tool = rest || id;
      return { key: id, label: `You (${tool})`, kind: 'user', subject: tool === 'helm' ? 'Helm' : tool, rank: RANK.user, sortName: tool };
    }
    if (head === 'apiserver') return { key: id, label: 'API server', kind: 'apiserver', subject: 'the API server', rank: RANK.apiserver, sortName: rest };
    if (head === 'etcd') return { key: 'etcd', label: this.datastore.label, kind: 'etcd', subject: this.datastore.subject, rank: RANK.etcd, sortName: '' };
    if (head === 'kcm' || head === 'controller-manager' || head === 'kube-controller-manager') return controller(id);
    if (head === 'scheduler') return { key: 'scheduler', label: 'Scheduler', kind: 'scheduler', subject: 'the scheduler', rank: RANK.scheduler, sortName: '' };
    if ((head === 'kubelet' || head === 'runtime') && rest) return nodeLane(head, this.collapseNodes ? undefined : rest, this.nodeCount);
    if (head === 'node' && rest) return { key: id, label: `node ${rest}`, kind: 'node', subject: `node ${rest}`, node: rest, rank: RANK.node + 5, sortName: naturalKey(rest) };
    return { key: id, label: id, kind: 'other', subject: id, rank: RANK.other, sortName: id };
  }
}

export function compareParticipants(a: Participant, b: Participant): number {
  return a.rank - b.rank || (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0);
}

/** The node a component id belongs to (`kubelet/worker-1` → worker-1). */
export function nodeOfComponent(id: string): string | undefined {
  const m = /^(?:kubelet|runtime|node)\/(.+)$/.exec(id);
  return m?.[1];
}
