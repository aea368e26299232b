import type { InteractionRecord } from '../../../protocol';

/**
 * Test support: the interaction records of `helm install` of the OpenTelemetry collector
 * chart on 16 nodes, written the way the engine logs them (etcd transaction before the
 * request line, watch deliveries to every watcher, helm phase records). Used until the
 * engine's helm command can produce them itself.
 */

const NS = 'splunk-monitoring';
const REL = 'splunk-otel-collector';
export const HELM_NODES = Array.from({ length: 16 }, (_v, i) => (i < 2 ? `uta-k8s-ao-0${i + 1}` : `uta-k8s-worker-${String(i - 1).padStart(2, '0')}`));

/** What the chart renders, already in Helm's install order. */
export const HELM_OBJECTS: readonly { kind: string; resource: string; name: string; group?: string; cluster?: boolean }[] = [
  { kind: 'ServiceAccount', resource: 'serviceaccounts', name: REL },
  { kind: 'Secret', resource: 'secrets', name: `${REL}-splunk` },
  { kind: 'ConfigMap', resource: 'configmaps', name: `${REL}-otel-agent` },
  { kind: 'ConfigMap', resource: 'configmaps', name: `${REL}-otel-k8s-cluster-receiver` },
  { kind: 'ClusterRole', resource: 'clusterroles', name: REL, group: 'rbac.authorization.k8s.io/v1', cluster: true },
  { kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', name: REL, group: 'rbac.authorization.k8s.io/v1', cluster: true },
  { kind: 'Service', resource: 'services', name: `${REL}-agent` },
  { kind: 'DaemonSet', resource: 'daemonsets', name: `${REL}-agent`, group: 'apps/v1' },
  { kind: 'Deployment', resource: 'deployments', name: `${REL}-operator`, group: 'apps/v1' },
];

type Input = Omit<InteractionRecord, 'seq' | 'tMs' | 'opId'>;

class Recorder {
  readonly out: InteractionRecord[] = [];
  t = 0;
  constructor(readonly opId: number) {}
  add(r: Input): void {
    this.out.push({ ...r, seq: this.out.length + 1000, tMs: this.t, opId: this.opId });
  }
  /** A write as the API server logs it: etcd, request, answer. */
  write(from: string, verb: string, path: string, key: string, ref: InteractionRecord['ref'], code = verb === 'POST' ? 201 : 200): void {
    this.add({ kind: 'etcd', from: 'apiserver', to: 'etcd', label: `txn put ${key}`, ref });
    this.add({ kind: 'request', from, to: 'apiserver', label: `${verb} ${path}`, ref });
    this.add({ kind: 'response', from: 'apiserver', to: from, label: code === 201 ? '201 Created' : '200 OK', code, ref });
  }
  event(from: string, name: string): void {
    const ref = { kind: 'Event', namespace: NS, name: `${name}.17f0c0ffee` };
    this.write(from, 'POST', `/api/v1/namespaces/${NS}/events`, `/registry/events/${NS}/${ref.name}`, ref);
  }
  watch(to: string, type: string, kind: string, name: string): void {
    this.add({ kind: 'watch', from: 'apiserver', to, label: `watch ${type} ${kind} ${name}`, ref: { kind, namespace: NS, name } });
  }
  helm(phase: string, label: string): void {
    this.add({ kind: 'helm', from: 'user/helm', to: 'user/helm', label, phase });
  }
}

const api = (o: (typeof HELM_OBJECTS)[number]): string => {
  const base = o.group ? `/apis/${o.group}` : '/api/v1';
  return o.cluster ? `${base}/${o.resource}` : `${base}/namespaces/${NS}/${o.resource}`;
};

function helmSide(r: Recorder): void {
  r.helm('command', `install ${REL} (chart splunk-otel-collector-chart/splunk-otel-collector)`);
  r.add({ kind: 'request', from: 'user/helm', to: 'apiserver', label: `GET /api/v1/namespaces/${NS}/secrets` });
  r.add({ kind: 'response', from: 'apiserver', to: 'user/helm', label: '200 OK', code: 200 });
  r.helm('render', 'load chart splunk-otel-collector-0.113.0');
  r.helm('render', 'merge values (1 file, 0 --set)');
  r.helm('render', 'render 21 templates: 9 manifests, 0 hooks, sorted by kind');
  for (const o of HELM_OBJECTS) {
    const ref = { kind: o.kind, ...(o.cluster ? {} : { namespace: NS }), name: o.name };
    r.add({ kind: 'request', from: 'user/helm', to: 'apiserver', label: `GET ${api(o)}/${o.name}`, ref });
    r.add({ kind: 'response', from: 'apiserver', to: 'user/helm', label: '404 Not Found', code: 404, ref });
  }
  r.helm('apply', `create namespace ${NS}`);
  r.write('user/helm', 'POST', '/api/v1/namespaces', `/registry/namespaces/${NS}`, { kind: 'Namespace', name: NS });
  const release = { kind: 'Secret', namespace: NS, name: `sh.helm.release.v1.${REL}.v1` };
  r.write('user/helm', 'POST', `/api/v1/namespaces/${NS}/secrets`, `/registry/secrets/${NS}/${release.name}`, release);
  r.helm('apply', `release ${REL} revision 1: pending-install`);
  for (const o of HELM_OBJECTS) {
    r.helm('apply', `create 1 ${o.kind}: ${o.name}`);
    const ref = { kind: o.kind, ...(o.cluster ? {} : { namespace: NS }), name: o.name };
    r.write('user/helm', 'POST', api(o), `/registry/${o.resource}/${o.cluster ? '' : `${NS}/`}${o.name}`, ref);
  }
  r.helm('wait', `beginning wait for ${HELM_OBJECTS.length} resources with timeout of 5m0s`);
}

function controllers(r: Recorder): string[] {
  r.t += 2;
  const pods: string[] = [];
  const ds = `${REL}-agent`;
  r.watch('kcm/daemonset-controller', 'ADDED', 'DaemonSet', ds);
  r.watch('kcm/garbage-collector-controller', 'ADDED', 'DaemonSet', ds);
  r.t += 1;
  HELM_NODES.forEach((_n, i) => {
    const name = `${ds}-${'bcdfghjklmnpqrstv'[i]}x2k4`;
    pods.push(name);
    r.write('kcm/daemonset-controller', 'POST', `/api/v1/namespaces/${NS}/pods`, `/registry/pods/${NS}/${name}`, { kind: 'Pod', namespace: NS, name });
    r.event('kcm/daemonset-controller', ds);
  });
  const dep = `${REL}-operator`;
  const rs = `${dep}-7d9f8c6b5`;
  r.watch('kcm/deployment-controller', 'ADDED', 'Deployment', dep);
  r.write('kcm/deployment-controller', 'POST', `/apis/apps/v1/namespaces/${NS}/replicasets`, `/registry/replicasets/${NS}/${rs}`, { kind: 'ReplicaSet', namespace: NS, name: rs });
  r.t += 3;
  r.watch('kcm/replicaset-controller', 'ADDED', 'ReplicaSet', rs);
  const op = `${rs}-x2k4p`;
  pods.push(op);
  r.write('kcm/replicaset-controller', 'POST', `/api/v1/namespaces/${NS}/pods`, `/registry/pods/${NS}/${op}`, { kind: 'Pod', namespace: NS, name: op });
  return pods;
}

function scheduler(r: Recorder, pods: readonly string[]): Map<string, string> {
  r.t += 2;
  const placed = new Map<string, string>();
  for (const p of pods) r.watch('scheduler', 'ADDED', 'Pod', p);
  pods.forEach((p, i) => {
    const node = HELM_NODES[i % HELM_NODES.length]!;
    placed.set(p, node);
    const ref = { kind: 'Pod', namespace: NS, name: p };
    r.add({ kind: 'schedule', from: 'scheduler', to: 'scheduler', label: `schedule ${p} → ${node}`, ref });
    r.write('scheduler', 'POST', `/api/v1/namespaces/${NS}/pods/${p}/binding`, `/registry/pods/${NS}/${p}`, ref);
    r.event('scheduler', p);
  });
  return placed;
}

function kubelets(r: Recorder, placed: ReadonlyMap<string, string>): void {
  r.t += 2;
  for (const [p, node] of placed) {
    const ref = { kind: 'Pod', namespace: NS, name: p };
    const k = `kubelet/${node}`;
    r.watch(k, 'ADDED', 'Pod', p);
    r.add({ kind: 'kubelet', from: k, to: k, label: `admit pod ${p}`, ref });
    r.add({ kind: 'runtime', from: k, to: `runtime/${node}`, label: `run sandbox ${p}`, ref });
    r.add({ kind: 'runtime', from: k, to: `runtime/${node}`, label: `pull ${p.includes('operator') ? 'ghcr.io/open-telemetry/opentelemetry-operator:0.110.0' : 'quay.io/signalfx/splunk-otel-collector:0.113.0'}`, ref });
  }
  r.t += 900;
  for (const [p, node] of placed) {
    const ref = { kind: 'Pod', namespace: NS, name: p };
    const k = `kubelet/${node}`;
    r.add({ kind: 'runtime', from: k, to: `runtime/${node}`, label: 'create container otel-collector', ref });
    r.add({ kind: 'runtime', from: k, to: `runtime/${node}`, label: 'start container otel-collector', ref });
    r.write(k, 'PUT', `/api/v1/namespaces/${NS}/pods/${p}/status`, `/registry/pods/${NS}/${p}`, ref, 200);
    r.add({ kind: 'kubelet', from: k, to: k, label: 'status Running', ref });
  }
}

export function helmInstallRecords(opId = 7): InteractionRecord[] {
  const r = new Recorder(opId);
  helmSide(r);
  const placed = scheduler(r, controllers(r));
  kubelets(r, placed);
  r.t += 2000;
  r.helm('wait', `all ${HELM_OBJECTS.length} resources ready`);
  const release = { kind: 'Secret', namespace: NS, name: `sh.helm.release.v1.${REL}.v1` };
  r.write('user/helm', 'PUT', `/api/v1/namespaces/${NS}/secrets/${release.name}`, `/registry/secrets/${NS}/${release.name}`, release, 200);
  return r.out;
}
