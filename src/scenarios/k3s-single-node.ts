import { defineScenario, indent } from './builtin';
import { TASKMASTER_HOST, TASKMASTER_YAML } from './k3s-taskmaster';

/** Built-in scenario after the k3s workshop's cluster architecture: one k3s server runs everything. */
export const K3S_SINGLE_NODE = defineScenario(
  {
    name: 'k3s-single-node',
    title: 'k3s single node',
    description: `
      One k3s server is the whole cluster: API server, scheduler, controllers and the datastore
      (SQLite, behind kine's etcd API) run inside the k3s process, and so do kube-proxy and flannel - there are no pods for them.
      The server is not tainted, so it runs the add-ons (CoreDNS, the local-path provisioner,
      metrics-server and an nginx ingress controller on host ports 80 and 443) and the
      taskmaster app - a frontend, a backend API and PostgreSQL. Pods get addresses from the
      flannel network 10.42.0.0/16 and Services from 10.43.0.0/16; CoreDNS resolves
      backend-svc for the frontend; the database's claim waits for its pod, then the
      local-path provisioner creates a volume on the server's disk, pinned to that node. The
      Ingress sends / to the frontend and /api to the backend, and a NetworkPolicy lets only
      the backend reach PostgreSQL - the frontend's attempts are dropped and counted.
    `,
  },
  `
spec:
  seed: 4
  cluster:
    distribution: k3s
    controlPlane: { nodes: 1 }
    nodes: []
  files:
    taskmaster.yaml: |
${indent(TASKMASTER_YAML, 6)}
  traffic:
    entries:
      - name: browser
        ratePerSecond: 15
        target: { ingress: { host: ${TASKMASTER_HOST}, path: / } }
      - name: browser-api
        ratePerSecond: 30
        target: { ingress: { host: ${TASKMASTER_HOST}, path: /api/tasks } }
    services:
      # The frontend still has a status widget that queries the database directly, now and
      # then: the NetworkPolicy drops those connections.
      - namespace: taskmaster
        service: frontend-svc
        latencyMs: 3
        operation: GET /
        calls:
          - { service: postgres-svc, port: 5432, perRequest: 0.05, path: / }
      - namespace: taskmaster
        service: backend-svc
        latencyMs: 12
        operation: GET /api/tasks
        calls:
          - { service: postgres-svc, port: 5432, perRequest: 2, path: / }
      - namespace: taskmaster
        service: postgres-svc
        latencyMs: 2
  steps:
    - at: 0s
      run: kubectl get nodes -o wide
      note: One node, the k3s server. Its roles read control-plane,master and it has no taint - your pods run here too.
    - at: 0s
      run: kubectl get pods -A -o wide
      note: The add-ons k3s deploys from its bundled manifests. No kube-apiserver, kube-proxy or flannel pods - they are all part of the k3s binary. No etcd either - a single server keeps its state in SQLite through kine, inside the same process.
    - at: 0s
      run: kubectl get storageclass,ingressclass
      note: local-path is the default StorageClass; nginx the default IngressClass.
    - at: 0s
      run: kubectl apply -f taskmaster.yaml
    - at: 0s
      run: kubectl get pvc -n taskmaster
      note: The claim is Pending - local-path binds WaitForFirstConsumer, so it waits until the scheduler has picked a node for the database pod.
    - at: 40s
      run: kubectl get pods -n taskmaster -o wide
      note: Every pod has an address from the server's flannel subnet, 10.42.0.0/24.
    - at: 40s
      run: kubectl get svc -n taskmaster
      note: Services get virtual addresses from 10.43.0.0/16; kube-proxy's iptables rules spread connections over the ready pods.
    - at: 40s
      run: kubectl get pvc,pv -n taskmaster
      note: The provisioner created a volume for the claim and the two are Bound.
    - at: 40s
      run: kubectl get pv -o yaml
      note: The volume is a directory under /var/lib/rancher/k3s/storage, and its node affinity pins the database to this node.
    - at: 40s
      run: kubectl get ingress,networkpolicy -n taskmaster
      note: The Ingress routes ${TASKMASTER_HOST}/ to frontend-svc and /api to backend-svc; the policy selects the database pods.
    - at: 45s
      run: sandbox exec -n taskmaster deploy/frontend -- nslookup backend-svc
      note: CoreDNS answers from the cluster.local zone - the short name expands through the pod's search path.
    - at: 46s
      run: sandbox exec -n taskmaster deploy/frontend -- curl -s http://backend-svc:5000/api/tasks
      note: The frontend may call the backend - no policy selects the backend pods.
    - at: 47s
      run: sandbox exec -n taskmaster deploy/frontend -- curl -m 5 http://postgres-svc:5432
      note: The frontend may not reach the database - the NetworkPolicy drops the connection and curl times out.
    - at: 1m
      run: kubectl get ingress -n taskmaster
      note: ingress-nginx has written the server's address into the Ingress status - the ADDRESS column was empty at 40s. It checks where its controller pods run once a minute.
    - at: 1m
      run: kubectl top pods -n taskmaster
      note: metrics-server collects usage from the kubelet; kubectl top reads it.
`,
);
