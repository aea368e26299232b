// eslint-disable-next-line no-restricted-imports -- tests drive a real engine; runtime src/ui code never does
import { Cluster } from '../../../engine/cluster/cluster';
import type { InteractionRecord, OperationRecord } from '../../../protocol';

/** Test support: real engine runs whose interaction logs feed the diagram. */

export const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

export interface RecordedOperation {
  readonly op: OperationRecord;
  readonly records: InteractionRecord[];
  readonly cluster: Cluster;
}

/** Boots a cluster, runs `command`, lets it settle and returns that operation's records. */
/** The Helm guide's cluster: two observability nodes and fourteen application workers. */
export const GUIDE_NODES = [{ name: 'uta-k8s-ao-{i:02}', count: 2 }, { name: 'uta-k8s-worker-{i:02}', count: 14 }];

export const OTEL_INSTALL =
  'helm install splunk-otel-collector splunk-otel-collector-chart/splunk-otel-collector --set clusterName=uta --set splunkObservability.realm=us1 --set splunkObservability.accessToken=not-a-token -n splunk-monitoring --create-namespace --wait';

export interface RecordOptions {
  readonly files?: Record<string, string>;
  readonly nodes?: { name: string; count: number }[];
  readonly settleMs?: number;
  readonly seed?: number;
}

export function recordOperation(command: string, opts: RecordOptions = {}): RecordedOperation {
  const cluster = new Cluster({
    seed: opts.seed ?? 7,
    files: opts.files ?? { 'web.yaml': WEB_YAML },
    config: { freezeObjects: true },
    spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: opts.nodes ?? [{ name: 'worker-{i}', count: 2 }] },
  }).boot();
  cluster.run(command);
  cluster.advance(opts.settleMs ?? 60_000);
  const op = cluster.log.operations.at(-1)!;
  return { op, records: cluster.log.forOperation(op.id), cluster };
}
