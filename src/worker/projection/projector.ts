import type { KubeEvent, KubeObject, Lease, Node, Pod, Taint } from '../../engine/api/types';
import type { StoreEvent } from '../../engine/store/etcd';
import { diffRecord, emptyStore, setsFromStore, type RecordStore } from '../../protocol/changes';
import type { Change } from '../../protocol/messages';
import type { Collection, ComponentRecord, ControlPlaneKind, DatastoreKind, RecordMap, RecordSets, Resources } from '../../protocol/records';
import {
  eventRecord, evictionDeadline, formatTaint, isTerminal, nodeRecord, podRecord, podRequests, taintTime,
  WORKLOAD_RESOURCES, workloadRecord, ZERO,
} from './records';

/** What the projector needs from a cluster; the engine source adapts a Cluster to it. */
export interface ProjectorHost {
  /** Every stored object of a resource (initial fill). */
  objects(resource: string): KubeObject[];
  /** Every committed etcd write, in order. */
  subscribe(listener: (ev: StoreEvent) => void): () => void;
  machineUp(node: string): boolean;
  role(node: string): 'control-plane' | 'worker';
  controlPlaneNodes(): string[];
  /** Host of the etcd member that leads the Raft group now (none during an election). */
  etcdLeaderHost?(): string | undefined;
  /** Whether the etcd member on `host` runs (`sandbox kill etcd` stops it); undefined: no member there. */
  etcdMemberUp?(host: string): boolean | undefined;
  /** What keeps the state (the engine's datastoreOf); undefined: etcd. */
  datastore?(): DatastoreKind;
  now(): number;
}

const MAX_EVENTS = 200;
const CP_KINDS: readonly ControlPlaneKind[] = ['apiserver', 'etcd', 'scheduler', 'controller-manager'];
const LEASE_OF: Partial<Record<ControlPlaneKind, string>> = { scheduler: 'kube-system/kube-scheduler', 'controller-manager': 'kube-system/kube-controller-manager' };

function objKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/**
 * Keeps compact records in step with the engine, incrementally: etcd writes mark objects
 * dirty; `flush()` recomputes only those and returns the changes against what was last sent.
 */
export class Projector {
  private readonly pods = new Map<string, Pod>();
  private readonly nodes = new Map<string, Node>();
  private readonly workloads = new Map<string, KubeObject>();
  private readonly events = new Map<string, { ev: KubeEvent; order: number }>();
  private readonly leases = new Map<string, string>();
  private readonly podsOnNode = new Map<string, Set<string>>();
  private readonly podReq = new Map<string, Resources>();
  private readonly taintSeen = new Map<string, number>();
  private readonly noExecOf = new Map<string, string>();

  private readonly dirtyPods = new Set<string>();
  private readonly dirtyNodes = new Set<string>();
  private readonly dirtyWorkloads = new Set<string>();
  private readonly dirtyEvents = new Set<string>();
  /** object key → record key last sent (uids change when an object is recreated under one name). */
  private readonly sentKey: { [C in Collection]?: Map<string, string> } = { pods: new Map(), nodes: new Map(), workloads: new Map(), events: new Map() };
  readonly sent: RecordStore = emptyStore();
  private readonly unsubscribe: () => void;

  constructor(private readonly host: ProjectorHost) {
    for (const n of host.objects('nodes')) this.onPut('nodes', n);
    for (const p of host.objects('pods')) this.onPut('pods', p);
    for (const res of Object.keys(WORKLOAD_RESOURCES)) for (const o of host.objects(res)) this.onPut(res, o);
    for (const o of host.objects('leases')) this.onPut('leases', o);
    let order = 0;
    for (const e of host.objects('events')) this.onPut('events', e, order++);
    this.unsubscribe = host.subscribe((ev) => this.onStore(ev));
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onStore(ev: StoreEvent): void {
    if (ev.type === 'PUT') this.onPut(ev.bucket, ev.kv.value, ev.kv.modRevision);
    else this.onDelete(ev.bucket, ev.kv.value);
  }

  private onPut(bucket: string, obj: KubeObject, order = 0): void {
    const key = objKey(obj);
    switch (bucket) {
      case 'pods':
        this.putPod(key, obj as Pod);
        return;
      case 'nodes':
        this.putNode(key, obj as Node);
        return;
      case 'events':
        this.events.set(key, { ev: obj as KubeEvent, order });
        this.dirtyEvents.add(key);
        return;
      case 'leases':
        this.leases.set(key, (obj as Lease).spec.holderIdentity ?? '');
        return;
      default:
        if (WORKLOAD_RESOURCES[bucket]) {
          this.workloads.set(`${bucket}|${key}`, obj);
          this.dirtyWorkloads.add(`${bucket}|${key}`);
        }
    }
  }

  private onDelete(bucket: string, obj: KubeObject): void {
    const key = objKey(obj);
    switch (bucket) {
      case 'pods':
        this.unindexPod(key);
        this.pods.delete(key);
        this.dirtyPods.add(key);
        return;
      case 'nodes':
        this.nodes.delete(key);
        this.dirtyNodes.add(key);
        return;
      case 'events':
        this.events.delete(key);
        this.dirtyEvents.add(key);
        return;
      case 'leases':
        this.leases.delete(key);
        return;
      default:
        if (WORKLOAD_RESOURCES[bucket]) {
          this.workloads.delete(`${bucket}|${key}`);
          this.dirtyWorkloads.add(`${bucket}|${key}`);
        }
    }
  }

  private putPod(key: string, pod: Pod): void {
    this.unindexPod(key);
    this.pods.set(key, pod);
    this.podReq.set(key, podRequests(pod));
    const node = pod.spec.nodeName;
    if (node) {
      let set = this.podsOnNode.get(node);
      if (!set) this.podsOnNode.set(node, (set = new Set()));
      set.add(key);
      this.dirtyNodes.add(node);
    }
    this.dirtyPods.add(key);
  }

  private unindexPod(key: string): void {
    const node = this.pods.get(key)?.spec.nodeName;
    if (node) {
      this.podsOnNode.get(node)?.delete(key);
      this.dirtyNodes.add(node);
    }
    this.podReq.delete(key);
  }

  private putNode(name: string, node: Node): void {
    this.nodes.set(name, node);
    this.dirtyNodes.add(name);
    const taints = node.spec.taints ?? [];
    const noExec = taints.filter((t) => t.effect === 'NoExecute').map(formatTaint).join(',');
    for (const t of taints) {
      const k = `${name}|${formatTaint(t)}`;
      if (!this.taintSeen.has(k)) this.taintSeen.set(k, taintTime(t) ?? this.host.now());
    }
    if ((this.noExecOf.get(name) ?? '') !== noExec) {
      this.noExecOf.set(name, noExec);
      for (const p of this.podsOnNode.get(name) ?? []) this.dirtyPods.add(p);
    }
  }

  /** Machines powered on/off without an API write (sandbox kill / restore). */
  markNode(name: string): void {
    this.dirtyNodes.add(name);
  }

  flush(): Change[] {
    const out: Change[] = [];
    for (const name of this.dirtyNodes) this.emit(out, 'nodes', name, this.buildNode(name));
    for (const key of this.dirtyPods) this.emit(out, 'pods', key, this.buildPod(key));
    for (const key of this.dirtyWorkloads) {
      const o = this.workloads.get(key);
      const kind = WORKLOAD_RESOURCES[key.slice(0, key.indexOf('|'))];
      this.emit(out, 'workloads', key, o && kind ? workloadRecord(kind, o) : undefined);
    }
    for (const key of this.dirtyEvents) {
      const e = this.events.get(key);
      this.emit(out, 'events', key, e ? eventRecord(e.ev, e.order) : undefined);
    }
    this.dirtyNodes.clear();
    this.dirtyPods.clear();
    this.dirtyWorkloads.clear();
    this.dirtyEvents.clear();
    this.trimEvents(out);
    this.flushComponents(out);
    return out;
  }

  /** Applies one computed record against what was sent, recording the change. */
  emit<C extends Collection>(out: Change[], c: C, objectKey: string, next: RecordMap[C] | undefined): void {
    const keys = this.sentKey[c] ?? new Map<string, string>();
    const map = this.sent[c] as Map<string, RecordMap[C]>;
    const prevKey = keys.get(objectKey) ?? (this.sentKey[c] ? undefined : objectKey);
    const prev = prevKey !== undefined ? map.get(prevKey) : undefined;
    if (prev && next && prev.key !== next.key) {
      this.emit(out, c, objectKey, undefined);
      this.emit(out, c, objectKey, next);
      return;
    }
    const ch = diffRecord(c, prev, next);
    if (!ch) return;
    out.push(ch);
    if (next) {
      map.set(next.key, next);
      keys.set(objectKey, next.key);
    } else if (prev) {
      map.delete(prev.key);
      keys.delete(objectKey);
    }
  }

  private buildNode(name: string): RecordMap['nodes'] | undefined {
    const node = this.nodes.get(name);
    if (!node) return undefined;
    const requested = { ...ZERO };
    let proxyReady = false;
    for (const k of this.podsOnNode.get(name) ?? []) {
      const pod = this.pods.get(k);
      if (!pod || isTerminal(pod)) continue;
      const r = this.podReq.get(k) ?? ZERO;
      requested.cpuMillis += r.cpuMillis;
      requested.memoryBytes += r.memoryBytes;
      requested.pods += 1;
      if (pod.metadata.labels?.['k8s-app'] === 'kube-proxy' && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) proxyReady = true;
    }
    return nodeRecord(node, { role: this.host.role(name), machineUp: this.host.machineUp(name), requested, proxyReady });
  }

  private buildPod(key: string): RecordMap['pods'] | undefined {
    const pod = this.pods.get(key);
    if (!pod) return undefined;
    const nodeName = pod.spec.nodeName;
    const node = nodeName ? this.nodes.get(nodeName) : undefined;
    const taints = node?.spec.taints ?? [];
    const since = (t: Taint): number => this.taintSeen.get(`${nodeName}|${formatTaint(t)}`) ?? taintTime(t) ?? this.host.now();
    return podRecord(pod, { workload: this.workloadOf(pod), evictAtMs: evictionDeadline(pod, taints, since) });
  }

  /** The top-level controller: Deployment for a ReplicaSet's pods, CronJob for a Job's. */
  private workloadOf(pod: Pod): { kind: string; name: string } | null {
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
    if (!owner) return null;
    const ns = pod.metadata.namespace ?? 'default';
    const res = owner.kind === 'ReplicaSet' ? 'replicasets' : owner.kind === 'Job' ? 'jobs' : undefined;
    const parent = res ? this.workloads.get(`${res}|${ns}/${owner.name}`)?.metadata.ownerReferences?.find((o) => o.controller) : undefined;
    return parent ? { kind: parent.kind, name: parent.name } : { kind: owner.kind, name: owner.name };
  }

  private trimEvents(out: Change[]): void {
    const map = this.sent.events;
    if (map.size <= MAX_EVENTS) return;
    const byAge = [...map.values()].sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
    for (const rec of byAge.slice(0, map.size - MAX_EVENTS)) {
      map.delete(rec.key);
      for (const [ok, rk] of this.sentKey.events ?? []) if (rk === rec.key) this.sentKey.events?.delete(ok);
      out.push({ op: 'remove', c: 'events', key: rec.key });
    }
  }

  private flushComponents(out: Change[]): void {
    const cps = this.host.controlPlaneNodes();
    const seen = new Set<string>();
    for (const node of cps) {
      for (const kind of CP_KINDS) {
        const rec = this.componentRecord(kind, node, cps);
        seen.add(rec.key);
        this.emit(out, 'components', rec.key, rec);
      }
    }
    for (const key of [...this.sent.components.keys()]) if (!seen.has(key)) this.emit(out, 'components', key, undefined);
  }

  private componentRecord(kind: ControlPlaneKind, node: string, cps: string[]): ComponentRecord {
    // A stacked etcd member can be down on a running machine.
    const up = this.host.machineUp(node) && (kind !== 'etcd' || this.host.etcdMemberUp?.(node) !== false);
    const lease = LEASE_OF[kind];
    const holder = lease ? this.leases.get(lease) : undefined;
    let leader: boolean;
    // etcd has no Lease: its leader is the Raft group's, which may live on an external etcd host.
    if (kind === 'etcd' && cps.length > 1) leader = up && this.host.etcdLeaderHost?.() === node;
    else if (cps.length === 1 || !lease) leader = cps.length === 1 || kind === 'etcd' ? up : false;
    else if (holder) leader = holder === node || holder.startsWith(`${node}_`);
    else leader = up && cps.find((n) => this.host.machineUp(n)) === node;
    const datastore = kind === 'etcd' ? this.host.datastore?.() : undefined;
    // Only a datastore that is not etcd is named, so etcd records stay as they were.
    return datastore && datastore !== 'etcd' ? { key: `${kind}/${node}`, kind, node, up, leader, datastore } : { key: `${kind}/${node}`, kind, node, up, leader };
  }

  /** Everything as last sent (call after flush). */
  snapshot(): RecordSets {
    return setsFromStore(this.sent);
  }
}
