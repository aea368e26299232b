import { defineScenario } from './builtin';

/**
 * Built-in scenarios after the control-plane deep-dive and the HA topologies guide: three
 * control-plane nodes with stacked etcd (lose one, lose two, fill etcd's disk), and the same
 * cluster with etcd on its own hosts.
 */

const WEB = `
  files:
    web.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: { app: web }
      spec:
        replicas: 3
        selector:
          matchLabels: { app: web }
        template:
          metadata:
            labels: { app: web }
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
                resources:
                  requests: { cpu: 100m, memory: 128Mi }
`;

export const HA_CONTROL_PLANE = defineScenario(
  {
    name: 'ha-control-plane',
    title: 'HA control plane with stacked etcd',
    description: `
      Three control-plane nodes, each running an API server, a scheduler, a controller manager
      and an etcd member that only its own API server talks to, with two workers behind a load
      balancer. Power off the node that leads: etcd elects a new leader within a couple of
      seconds, while the scheduler and controller manager on the other nodes wait for the old
      holder's 15-second Lease to run out before they take over. Writes keep working with two
      of three members. Power off a second node and etcd loses quorum: every write and every
      consistent read fails with "etcdserver: request timed out", and the cluster freezes while
      the pods already running keep running. Bring a node back and the cluster recovers. Last,
      the deep-dive's 2 AM incident: an etcd member's disk fills up, the NOSPACE alarm turns the
      whole cluster read-only, and it takes a defragmentation and disarming the alarm to write
      again.
    `,
  },
  `
spec:
  seed: 3
  cluster:
    distribution: kubeadm
    controlPlane: { nodes: 3, etcd: stacked }
    nodes:
      - name: worker-{i}
        count: 2
${WEB}
  steps:
    - at: 0s
      run: kubectl apply -f web.yaml
    - at: 20s
      run: kubectl get nodes
      note: Three control-plane nodes and two workers. kubectl talks to the API servers through the load balancer.
    - at: 20s
      run: kubectl get pods -n kube-system -l tier=control-plane -o wide
      note: Stacked topology - every control-plane node runs etcd, kube-apiserver, kube-controller-manager and kube-scheduler as static pods.
    - at: 20s
      run: sandbox etcd status -w table
      note: One etcd member leads the Raft group; the other two follow. Quorum is 2 of 3.
    - at: 20s
      run: kubectl get lease -n kube-system
      note: Only one scheduler and one controller manager act at a time - the holders of these Leases. The others stand by.
    - at: 30s
      run: sandbox kill node control-plane-1
      note: control-plane-1 loses power. It held the etcd leadership and both Leases, and it takes an API server and an etcd member down with it.
    - at: 30s
      run: sandbox etcd status
      note: The followers stop hearing the leader's heartbeats. Until one of them wins an election, nothing can be written.
    - at: 33s
      run: sandbox etcd status
      note: About two seconds later a new etcd leader has been elected, in a new term. Two of three members are enough.
    - at: 35s
      run: kubectl get lease -n kube-system
      note: The Leases still name control-plane-1 - the standbys wait until the Lease has not been renewed for 15 seconds.
    - at: 1m
      run: kubectl get lease -n kube-system
      note: New holders. The scheduler and controller manager on the surviving nodes took over.
    - at: 1m
      run: kubectl scale deployment web --replicas=5
      note: Writes still work - the cluster tolerates the loss of one control-plane node.
    - at: 1m50s
      run: kubectl get nodes
      note: The new controller manager's node lifecycle controller has given up on control-plane-1 - NotReady.
    - at: 1m50s
      run: kubectl get pods -o wide
    - at: 2m
      run: sandbox kill node control-plane-2
      note: A second control-plane node goes down. One etcd member out of three cannot form a majority.
    - at: 2m5s
      run: sandbox etcd status
    - at: 2m10s
      run: kubectl scale deployment web --replicas=2
      note: Quorum is lost - writes time out, and so do reads that must be consistent. Running pods are untouched, but nothing can change.
    - at: 2m10s
      run: kubectl get pods
    - at: 2m30s
      run: sandbox restore node control-plane-2
      note: control-plane-2 powers back on. Its etcd member rejoins from its disk, and two members are a quorum again.
    - at: 2m35s
      run: sandbox etcd status
    - at: 2m40s
      run: kubectl scale deployment web --replicas=2
      note: Writes are accepted again.
    - at: 2m40s
      run: sandbox restore node control-plane-1
    - at: 3m30s
      run: kubectl get nodes
      note: Every node is back and Ready; all three etcd members agree on the same Raft index.
    - at: 3m30s
      run: kubectl get pods -o wide
    - at: 3m30s
      run: sandbox etcd status -w table
    - at: 4m
      run: sandbox fill-disk etcd control-plane-3
      note: A runaway job fills one member's backend up to its quota. etcd raises the NOSPACE alarm for the whole cluster.
    - at: 4m1s
      run: sandbox etcd status -w table
      note: The full member's database is at the quota and the ERRORS column carries the alarm.
    - at: 4m1s
      run: sandbox etcd alarm list
    - at: 4m1s
      run: kubectl scale deployment web --replicas=4
      note: The cluster is read-only - writes fail, reads still work.
    - at: 4m1s
      run: kubectl get deployment web
    - at: 4m20s
      run: sandbox defrag etcd control-plane-3
      note: Defragmenting gives the space back to the filesystem, but the alarm stays raised until someone disarms it.
    - at: 4m21s
      run: kubectl scale deployment web --replicas=4
    - at: 4m30s
      run: sandbox etcd alarm disarm
    - at: 4m31s
      run: kubectl scale deployment web --replicas=4
      note: With the alarm disarmed the cluster accepts writes again.
    - at: 5m
      run: kubectl get deployment web
    - at: 5m
      run: sandbox etcd status
`,
);

export const HA_EXTERNAL_ETCD = defineScenario(
  {
    name: 'ha-external-etcd',
    title: 'HA control plane with external etcd',
    description: `
      The same three control-plane nodes and two workers, but etcd runs on three hosts of its
      own, and every API server talks to all of them. Twice the machines, and the payoff: when
      a control-plane node dies, only an API server, a scheduler and a controller manager go
      with it - etcd keeps all three members and its leader. The etcd cluster can still lose
      one member and carry on; losing a second one loses quorum and freezes the cluster, the
      same as in the stacked topology, until a member comes back.
    `,
  },
  `
spec:
  seed: 3
  cluster:
    distribution: kubeadm
    controlPlane: { nodes: 3, etcd: external }
    nodes:
      - name: worker-{i}
        count: 2
${WEB}
  steps:
    - at: 0s
      run: kubectl apply -f web.yaml
    - at: 20s
      run: kubectl get nodes
      note: The etcd hosts are not Kubernetes nodes - they run no kubelet.
    - at: 20s
      run: kubectl get pods -n kube-system -l tier=control-plane -o wide
      note: No etcd static pods on the control-plane nodes - only the API servers, schedulers and controller managers.
    - at: 20s
      run: sandbox etcd status -w table
      note: The three etcd members, on etcd-1, etcd-2 and etcd-3.
    - at: 30s
      run: sandbox kill node control-plane-1
      note: A control-plane node dies. With external etcd this costs no etcd member.
    - at: 31s
      run: sandbox etcd status
      note: Still three members and the same leader - nothing for etcd to elect.
    - at: 1m
      run: kubectl get lease -n kube-system
      note: The scheduler and controller manager Leases moved to the surviving control-plane nodes.
    - at: 1m
      run: kubectl scale deployment web --replicas=5
    - at: 1m30s
      run: sandbox kill etcd etcd-1
      note: One etcd member stops. Two of three are still a quorum.
    - at: 1m35s
      run: kubectl scale deployment web --replicas=4
    - at: 2m
      run: sandbox kill etcd etcd-2
      note: A second member stops - quorum lost.
    - at: 2m5s
      run: kubectl scale deployment web --replicas=3
      note: Every write, and every consistent read, times out.
    - at: 2m5s
      run: kubectl get pods
    - at: 2m30s
      run: sandbox restore etcd etcd-2
      note: The member restarts from its disk; with two members etcd elects a leader and the cluster writes again.
    - at: 2m35s
      run: kubectl scale deployment web --replicas=3
    - at: 2m35s
      run: sandbox restore etcd etcd-1
    - at: 2m35s
      run: sandbox restore node control-plane-1
    - at: 3m30s
      run: kubectl get nodes
    - at: 3m30s
      run: kubectl get deployment web
    - at: 3m30s
      run: sandbox etcd status -w table
`,
);
