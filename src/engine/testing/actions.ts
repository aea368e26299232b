import type { Cluster } from '../cluster/cluster';

/** Random user actions for property tests, as command lines the console would run. */
export type Action =
  | { kind: 'apply'; name: string; replicas: number; cpuMillis: number }
  | { kind: 'scale'; name: string; replicas: number }
  | { kind: 'kill'; node: number }
  | { kind: 'restore'; node: number }
  | { kind: 'cordon'; node: number }
  | { kind: 'uncordon'; node: number }
  | { kind: 'drain'; node: number }
  | { kind: 'deletePod'; index: number }
  | { kind: 'wait'; seconds: number };

export function deploymentManifest(name: string, replicas: number, cpuMillis: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  replicas: ${replicas}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: nginx:1.27',
    '          resources:',
    '            requests:',
    `              cpu: ${cpuMillis}m`,
    '              memory: 64Mi',
    '',
  ].join('\n');
}

function workerNames(cluster: Cluster): string[] {
  return [...cluster.machines.values()].filter((m) => m.config.role === 'worker').map((m) => m.config.name);
}

/** Turns an action into the command line it stands for (undefined when it has no target). */
export function commandFor(cluster: Cluster, action: Action): string | undefined {
  const workers = workerNames(cluster);
  const node = 'node' in action ? workers[action.node % Math.max(workers.length, 1)] : undefined;
  switch (action.kind) {
    case 'apply': {
      const file = `${action.name}-${action.replicas}-${action.cpuMillis}.yaml`;
      cluster.files.set(file, deploymentManifest(action.name, action.replicas, action.cpuMillis));
      return `kubectl apply -f ${file}`;
    }
    case 'scale':
      return `kubectl scale deployment/${action.name} --replicas=${action.replicas}`;
    case 'kill':
      return node && `sandbox kill node ${node}`;
    case 'restore':
      return node && `sandbox restore node ${node}`;
    case 'cordon':
      return node && `kubectl cordon ${node}`;
    case 'uncordon':
      return node && `kubectl uncordon ${node}`;
    case 'drain':
      return node && `kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data --timeout=60s`;
    case 'deletePod': {
      const pods = cluster.objects('pods').filter((p) => p.metadata.namespace === 'default');
      const pod = pods[action.index % Math.max(pods.length, 1)];
      return pod && `kubectl delete pod ${pod.metadata.name} --wait=false`;
    }
    case 'wait':
      return undefined;
  }
}
