import { defineScenario } from './builtin';
import { cxtmManifests } from './splunk-otel-apps';

/**
 * Built-in scenario after the Helm deployment guide: the Splunk OpenTelemetry collector chart
 * installed into a 16-node cluster that already runs the CXTM applications. The values are
 * placeholders: a sandbox realm and a token that is obviously not one.
 */

const OBSERVABILITY_NODES = `
        nodeSelector:
          node-role.kubernetes.io/observability: ""
        tolerations:
          - key: dedicated
            operator: Equal
            value: observability
            effect: NoSchedule`;

const VALUES = `
    helm-values.yaml: |
      clusterName: cxtm-sandbox
      splunkObservability:
        realm: us0
        accessToken: SANDBOX-FAKE-TOKEN
        tracesEnabled: true
        metricsEnabled: true
      # The agent DaemonSet must run on every node: tolerate the control plane's taint
      # and the one that keeps applications off the observability nodes.
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          effect: NoSchedule
        - key: dedicated
          operator: Equal
          value: observability
          effect: NoSchedule
      # The cluster receiver and the operator belong on the observability nodes.
      clusterReceiver:${OBSERVABILITY_NODES}
      operator:
        enabled: true${OBSERVABILITY_NODES}`;

export const SPLUNK_OTEL_HELM = defineScenario(
  {
    name: 'splunk-otel-helm',
    title: 'Splunk OpenTelemetry with Helm',
    description: `
      A production-sized cluster: three control-plane nodes, two observability nodes tainted
      so that only monitoring runs there, and eleven application workers already running the
      CXTM apps (web, scheduler, zipservice). The apps are instrumented and send their trace
      spans to the collector agent on their own node - which does not exist yet, so the spans
      are lost. One helm install of the OpenTelemetry collector chart changes that: Helm
      renders the chart with your values and sends the objects to the API server, which stores
      them in etcd; the DaemonSet controller creates one agent pod per node, control plane and
      observability nodes included; the scheduler puts the operator and the cluster receiver on
      the observability nodes; the kubelets pull the images and start the collectors. From then
      on spans flow from each app to the agent on its node and on to the observability backend.
    `,
  },
  `
spec:
  seed: 16
  cluster:
    distribution: kubeadm
    controlPlane: { nodes: 3, etcd: stacked }
    nodes:
      - name: ao-{i:02}
        count: 2
        capacity: { cpu: "8", memory: 16Gi, pods: 110 }
        labels: { node-role.kubernetes.io/observability: "" }
        taints:
          - { key: dedicated, value: observability, effect: NoSchedule }
      - name: worker-{i:02}
        count: 11
        capacity: { cpu: "8", memory: 16Gi, pods: 110 }
  files:
    cxtm.yaml: |
${cxtmManifests()}
${VALUES}
  traffic:
    entries:
      - name: testers
        ratePerSecond: 20
        target: { service: { namespace: cxtm, name: cxtm-web, port: 80 } }
    services:
      - namespace: cxtm
        service: cxtm-web
        latencyMs: 40
        operation: GET /testplans
        calls:
          - { service: cxtm-scheduler, port: 8080, perRequest: 1, path: /api/jobs }
          - { service: cxtm-zipservice, port: 8080, perRequest: 0.2, path: /api/archive }
      - namespace: cxtm
        service: cxtm-scheduler
        latencyMs: 15
        operation: GET /api/jobs
      - namespace: cxtm
        service: cxtm-zipservice
        latencyMs: 120
        operation: POST /api/archive
    otel:
      traceSampleEvery: 50
  steps:
    - at: 0s
      run: kubectl apply -f cxtm.yaml
    - at: 40s
      run: kubectl get nodes
      note: Sixteen nodes - three control-plane nodes, the two observability nodes (ao-01, ao-02) and eleven application workers.
    - at: 40s
      run: kubectl get pods -n cxtm -o wide
      note: The CXTM apps run on the application workers only - the observability nodes' taint keeps them away.
    - at: 40s
      run: kubectl describe deployment cxtm-web -n cxtm
      note: Each app sends spans to the node it runs on (status.hostIP, port 4318). Nothing listens there yet, so every span is dropped.
    - at: 1m
      run: helm install splunk-otel-collector splunk-otel-collector-chart/splunk-otel-collector -n splunk-monitoring --create-namespace -f helm-values.yaml
      note: Phases 1-3 - Helm reads helm-values.yaml, renders the chart and sends the objects to the API server, which stores them in etcd.
    - at: 1m1s
      run: kubectl get pods -n splunk-monitoring -o wide
      note: Phases 4-5 - the scheduler has placed every pod (the agents by the DaemonSet's node affinity, one per node) and the kubelets are pulling the collector image.
    - at: 2m
      run: kubectl get daemonset,deployment -n splunk-monitoring
      note: One agent per node, sixteen in all. The operator and the cluster receiver run once each.
    - at: 2m
      run: kubectl get pods -n splunk-monitoring -o wide
      note: The operator and the cluster receiver landed on the observability nodes; an agent runs on every node, control plane included.
    - at: 2m
      run: helm list -n splunk-monitoring
    - at: 3m
      run: kubectl get pods -n cxtm -o wide
      note: The apps did not move or restart. Their spans now reach the agent on their own node, which batches them and exports them to the backend.
`,
);
