import { defineScenario } from './builtin';
import { observabilityManifests, shopManifests } from './traffic-node-failure-manifests';

/** Built-in scenario: a worker dies while a shop serves requests and one collector takes every span. */
export const TRAFFIC_NODE_FAILURE = defineScenario(
  {
    name: 'traffic-node-failure',
    title: 'A node dies under traffic',
    description: `
      A small shop serves about 25 requests a second: the storefront calls the catalog, and
      one replica of each runs on every worker. Both apps send their trace spans to a single
      OpenTelemetry Collector Deployment through its Service, and the collector prefers
      worker-2, the node labelled for observability. One minute in, worker-2 loses power.
      Until the node lifecycle controller notices, requests sent to its pods time out; then
      the node is NotReady and tainted unreachable, its pods leave the Services' endpoints,
      and requests reach only worker-1 and worker-3. The collector's Service has no ready endpoint
      left, so the spans of every node are lost, not just worker-2's. Five minutes after the
      taint the pods on worker-2 are evicted and replaced on the healthy workers - the
      collector too, because its node affinity is a preference, not a requirement - and
      spans flow again. A collector agent on each node, as in the Helm scenario, would have
      lost only the dead node's spans.
    `,
  },
  `
spec:
  seed: 7
  cluster:
    distribution: kubeadm
    controlPlane: { nodes: 1, etcd: stacked }
    nodes:
      - name: worker-1
        capacity: { cpu: "4", memory: 8Gi, pods: 110 }
      - name: worker-2
        capacity: { cpu: "4", memory: 8Gi, pods: 110 }
        labels: { pool: observability }
      - name: worker-3
        capacity: { cpu: "4", memory: 8Gi, pods: 110 }
  files:
    observability.yaml: |
${observabilityManifests()}
    shop.yaml: |
${shopManifests()}
  traffic:
    entries:
      - name: shoppers
        ratePerSecond: 25
        target: { service: { namespace: shop, name: storefront, port: 80 } }
    services:
      - namespace: shop
        service: storefront
        latencyMs: 20
        operation: GET /products
        calls:
          - { service: catalog, port: 8080, perRequest: 1, path: /api/items }
      - namespace: shop
        service: catalog
        latencyMs: 8
        operation: GET /api/items
    otel:
      traceSampleEvery: 25
  steps:
    - at: 0s
      run: kubectl apply -f observability.yaml
    - at: 0s
      run: kubectl apply -f shop.yaml
    - at: 40s
      run: kubectl get pods -n shop -o wide
      note: One storefront and one catalog pod on each worker - their topology spread constraint asks for that.
    - at: 40s
      run: kubectl get pods -n observability -o wide
      note: The collector landed on worker-2, the node its preferred affinity asks for. Every app pod, on every worker, sends its spans there through the otel-collector Service.
    - at: 1m
      run: sandbox kill node worker-2
      note: worker-2 loses power and its pods stop, the collector with them. The apps on worker-1 and worker-3 keep running and keep sending spans to the one collector.
    - at: 2m
      run: kubectl get nodes
      note: About 50 s after its last heartbeat worker-2 is NotReady and tainted unreachable, and its pods are marked not ready.
    - at: 2m
      run: kubectl get endpoints -n shop
      note: Requests now reach only the pods on worker-1 and worker-3. Until the node was marked NotReady, the ones sent to worker-2 timed out.
    - at: 2m
      run: kubectl get endpoints -n observability
      note: The collector's Service has no ready endpoint, so the spans from every node have nowhere to go and are dropped.
    - at: 7m30s
      run: kubectl get pods -n observability -o wide
      note: The pods' 300 s toleration of the taint ran out and they were evicted. The old collector stays Terminating - only the dead kubelet could confirm that it stopped - and its replacement runs on a healthy worker, since the affinity is only a preference.
    - at: 7m30s
      run: kubectl get pods -n shop -o wide
      note: The shop pods from worker-2 were replaced on the healthy workers too.
    - at: 7m30s
      run: kubectl get endpoints -n observability
      note: The collector has a ready endpoint again and spans flow again. With a collector agent on every node (a DaemonSet, as in the Helm scenario) only the spans of worker-2's own pods would have been lost.
`,
);
