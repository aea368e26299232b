import { appService, indent } from './builtin';

/**
 * The manifests of the traffic-node-failure scenario, indented to sit under `spec.files`:
 * a two-service shop whose pods send their spans to one OpenTelemetry Collector Deployment
 * through its Service (not to an agent on their own node), and that collector, which prefers
 * the node labelled `pool: observability`. The backend address is a reserved `.example` name.
 */

export const COLLECTOR_ENDPOINT = 'http://otel-collector.observability:4318';

interface ShopApp {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly cpu: string;
  readonly memory: string;
}

export const SHOP_APPS: readonly ShopApp[] = [
  { name: 'storefront', image: 'registry.sandbox.test/shop/storefront:1.4.2', port: 80, cpu: '100m', memory: '128Mi' },
  { name: 'catalog', image: 'registry.sandbox.test/shop/catalog:2.1.0', port: 8080, cpu: '100m', memory: '128Mi' },
];

function shopApp(a: ShopApp): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${a.name}
  namespace: shop
  labels: { app: ${a.name} }
spec:
  replicas: 3
  selector:
    matchLabels: { app: ${a.name} }
  template:
    metadata:
      labels: { app: ${a.name} }
    spec:
      # One replica per worker while there are three of them.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: { app: ${a.name} }
      containers:
        - name: ${a.name}
          image: ${a.image}
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: OTEL_SERVICE_NAME
              value: ${a.name}
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              value: ${COLLECTOR_ENDPOINT}
          resources:
            requests: { cpu: ${a.cpu}, memory: ${a.memory} }
          readinessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 5
---
${appService(a.name, 'shop', a.port)}`;
}

const COLLECTOR_CONFIG = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
      http:
        endpoint: 0.0.0.0:4318
processors:
  memory_limiter:
    check_interval: 1s
    limit_percentage: 80
    spike_limit_percentage: 25
  # Adds k8s.pod.name, k8s.node.name and the rest, matching spans to pods by their source IP.
  k8sattributes:
    extract:
      metadata: [k8s.namespace.name, k8s.pod.name, k8s.pod.uid, k8s.node.name, container.image.name, container.image.tag]
  batch:
    send_batch_size: 8192
    timeout: 200ms
exporters:
  otlphttp:
    traces_endpoint: https://otlp.observability.example/v1/traces
extensions:
  health_check:
    endpoint: 0.0.0.0:13133
service:
  extensions: [health_check]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, k8sattributes, batch]
      exporters: [otlphttp]`;

const COLLECTOR = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: otel-collector
  namespace: observability
---
# k8sattributes looks pods up in the API server.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: otel-collector
rules:
  - apiGroups: [""]
    resources: [pods, namespaces]
    verbs: [get, list, watch]
  - apiGroups: [apps]
    resources: [replicasets]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: otel-collector
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: otel-collector
subjects:
  - kind: ServiceAccount
    name: otel-collector
    namespace: observability
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: otel-collector-config
  namespace: observability
data:
  config.yaml: |
${indent(COLLECTOR_CONFIG, 4)}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: otel-collector
  namespace: observability
  labels: { app: otel-collector }
spec:
  replicas: 1
  selector:
    matchLabels: { app: otel-collector }
  template:
    metadata:
      labels: { app: otel-collector }
    spec:
      serviceAccountName: otel-collector
      # Preferred, not required: when its node is gone the replacement may run anywhere.
      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              preference:
                matchExpressions:
                  - { key: pool, operator: In, values: [observability] }
      containers:
        - name: otel-collector
          image: otel/opentelemetry-collector-contrib:0.114.0
          args: [--config=/conf/config.yaml]
          ports:
            - name: otlp-grpc
              containerPort: 4317
            - name: otlp-http
              containerPort: 4318
            - name: health
              containerPort: 13133
          resources:
            requests: { cpu: 200m, memory: 256Mi }
          readinessProbe:
            httpGet: { path: /, port: health }
            periodSeconds: 5
          volumeMounts:
            - name: config
              mountPath: /conf
      volumes:
        - name: config
          configMap:
            name: otel-collector-config
---
apiVersion: v1
kind: Service
metadata:
  name: otel-collector
  namespace: observability
  labels: { app: otel-collector }
spec:
  selector: { app: otel-collector }
  ports:
    - name: otlp-grpc
      port: 4317
      targetPort: otlp-grpc
    - name: otlp-http
      port: 4318
      targetPort: otlp-http`;

/** `observability.yaml`, indented to sit under `spec.files` (6 spaces). */
export function observabilityManifests(): string {
  const docs = ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: observability', COLLECTOR];
  return indent(docs.join('\n---\n'), 6);
}

/** `shop.yaml`, indented to sit under `spec.files` (6 spaces). */
export function shopManifests(): string {
  const docs = ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop', ...SHOP_APPS.map(shopApp)];
  return indent(docs.join('\n---\n'), 6);
}
