import { defineScenario } from './builtin';

/** Built-in scenario: a worker dies and Kubernetes works around it. */
export const NODE_FAILURE = defineScenario(
  {
    name: 'node-failure',
    title: 'A worker node dies',
    description: `
      Three workers share six nginx replicas, and a log agent runs on each of them.
      One minute in, worker-2 loses power. Its kubelet stops renewing the node's Lease,
      so about fifty seconds later the node lifecycle controller reports it NotReady and
      taints it unreachable: the scheduler stops placing pods there and the pods already
      on it are marked not ready. Those pods carry a five-minute
      toleration for that taint; when it runs out they are evicted and the ReplicaSet
      starts replacements on the two healthy workers. The evicted pods stay Terminating,
      because only the dead node's kubelet could confirm that they stopped. The log
      agent's pod on worker-2 is never evicted: DaemonSet pods tolerate unreachable
      nodes for as long as it takes.
    `,
  },
  `
spec:
  seed: 42
  cluster:
    distribution: kubeadm
    controlPlane: { nodes: 1, etcd: stacked }
    nodes:
      - name: worker-{i}
        count: 3
        capacity: { cpu: "4", memory: 8Gi, pods: 110 }
  files:
    web.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: { app: web }
      spec:
        replicas: 6
        selector:
          matchLabels: { app: web }
        template:
          metadata:
            labels: { app: web }
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
                ports:
                  - containerPort: 80
                resources:
                  requests: { cpu: 100m, memory: 128Mi }
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: log-agent
        labels: { app: log-agent }
      spec:
        selector:
          matchLabels: { app: log-agent }
        template:
          metadata:
            labels: { app: log-agent }
          spec:
            containers:
              - name: agent
                image: fluent/fluent-bit:3.2
                resources:
                  requests: { cpu: 50m, memory: 64Mi }
  steps:
    - at: 0s
      run: kubectl apply -f web.yaml
    - at: 30s
      run: kubectl get nodes
    - at: 30s
      run: kubectl get pods -o wide
    - at: 1m
      run: sandbox kill node worker-2
      note: worker-2 loses power. Its kubelet stops renewing the node Lease and posting status.
    - at: 2m
      run: kubectl get nodes
      note: About 50 s after the last heartbeat the node is NotReady and tainted unreachable; its pods are no longer Ready.
    - at: 2m
      run: kubectl get pods -o wide
    - at: 7m30s
      run: kubectl get nodes
      note: The pods' 300 s toleration has run out. They were evicted and replaced on the healthy workers.
    - at: 7m30s
      run: kubectl get pods -o wide
`,
);
