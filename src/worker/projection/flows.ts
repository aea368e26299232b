import type { Interaction } from '../../engine/log/interaction-log';
import type { FlowKind, FlowRecord } from '../../protocol/records';

/**
 * Canvas edges from the interaction log. Component ids in the log (`kcm/deployment-controller`,
 * `kubelet/worker-1`, `user/kubectl`) collapse onto canvas endpoints (`controller-manager`,
 * `node/worker-1`, `kubectl`); each frame counts what crossed each edge.
 */

export function canvasEndpoint(id: string): string | undefined {
  if (id === 'apiserver' || id === 'etcd' || id === 'scheduler') return id;
  if (id.startsWith('kcm') || id === 'kube-controller-manager' || id.startsWith('controller-manager')) return 'controller-manager';
  if (id.startsWith('scheduler')) return 'scheduler';
  if (id.startsWith('user/') || id === 'kubectl' || id === 'helm' || id === 'kubeadm') return 'kubectl';
  if (id === 'registry' || id.startsWith('registry/')) return 'registry';
  const slash = id.indexOf('/');
  if (slash > 0) {
    const head = id.slice(0, slash);
    const rest = id.slice(slash + 1);
    if (head === 'kubelet' || head === 'runtime' || head === 'node' || head === 'kube-proxy') return `node/${rest}`;
  }
  return undefined;
}

export function flowKind(i: Interaction): FlowKind {
  switch (i.kind) {
    case 'request':
    case 'response':
      return i.label.includes('/leases/') ? 'heartbeat' : / \/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/binding/.test(i.label) ? 'bind' : 'request';
    case 'watch':
      return 'watch';
    case 'etcd':
      return 'etcd';
    case 'bind':
    case 'schedule':
      return 'bind';
    case 'heartbeat':
    case 'election':
      return 'heartbeat';
    case 'runtime':
      return /pull/i.test(i.label) ? 'image' : 'runtime';
    case 'kubelet':
      return /pull/i.test(i.label) ? 'image' : 'runtime';
    case 'sandbox':
      return 'sandbox';
    case 'helm':
    case 'traffic':
      return 'request';
  }
}

/** Endpoints of the edge an interaction travels on, or undefined when it stays inside one canvas node. */
export function flowEdge(i: Interaction): { from: string; to: string } | undefined {
  const from = canvasEndpoint(i.from);
  let to = canvasEndpoint(i.to);
  // Image pulls go to the registry even when the log names the runtime as the target.
  if (flowKind(i) === 'image' && from?.startsWith('node/')) to = 'registry';
  if (!from || !to || from === to) return undefined;
  return { from, to };
}

interface Tally {
  count: number;
  byKind: Map<FlowKind, number>;
}

/** Counts interactions per edge for the current frame; `frame()` closes it into records. */
export class FlowAccumulator {
  private current = new Map<string, Tally & { from: string; to: string }>();
  private readonly records = new Map<string, FlowRecord>();

  add(i: Interaction): void {
    const edge = flowEdge(i);
    if (!edge) return;
    const key = `${edge.from}>${edge.to}`;
    let t = this.current.get(key);
    if (!t) {
      t = { ...edge, count: 0, byKind: new Map() };
      this.current.set(key, t);
    }
    t.count++;
    const k = flowKind(i);
    t.byKind.set(k, (t.byKind.get(k) ?? 0) + 1);
  }

  /** Records after closing the frame: touched edges get `recent`, idle ones drop to 0. */
  frame(): FlowRecord[] {
    for (const [key, rec] of this.records) {
      if (rec.recent !== 0 && !this.current.has(key)) this.records.set(key, { ...rec, recent: 0 });
    }
    for (const [key, t] of this.current) {
      const prev = this.records.get(key);
      this.records.set(key, { key, from: t.from, to: t.to, recent: t.count, kind: dominant(t.byKind), total: (prev?.total ?? 0) + t.count });
    }
    this.current = new Map();
    return [...this.records.values()];
  }

  get(key: string): FlowRecord | undefined {
    return this.records.get(key);
  }
}

function dominant(byKind: Map<FlowKind, number>): FlowKind {
  let best: FlowKind = 'request';
  let n = -1;
  for (const [k, c] of byKind) {
    if (c > n) {
      best = k;
      n = c;
    }
  }
  return best;
}
