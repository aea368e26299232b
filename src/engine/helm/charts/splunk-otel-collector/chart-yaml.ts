/** Chart.yaml and values.yaml of the sandbox's model of the splunk-otel-collector chart. */

export const CHART_YAML = `apiVersion: v2
name: splunk-otel-collector
version: 0.158.0
appVersion: 0.158.0
description: Splunk OpenTelemetry Collector for Kubernetes
type: application
keywords:
  - splunk
  - opentelemetry
  - observability
  - logs
  - traces
  - metrics
home: https://github.com/signalfx/splunk-otel-collector-chart
sources:
  - https://github.com/signalfx/splunk-otel-collector-chart
maintainers:
  - name: kube-sandbox
annotations:
  kube-sandbox/model: "Written for the sandbox after the public chart; not the upstream source."
`;

export const VALUES_YAML = `# Default values for the splunk-otel-collector chart (kube-sandbox model).
# Install with at least:
#   --set clusterName=<name> --set splunkObservability.realm=<realm>
#   --set splunkObservability.accessToken=<token>

# Name of the Kubernetes cluster, sent with every metric and span as k8s.cluster.name.
# Required.
clusterName: ""

splunkObservability:
  # Splunk Observability Cloud realm (us0, us1, eu0, ...). Required.
  realm: ""
  # Ingest access token. Required; stored in a Secret, never in the ConfigMap.
  accessToken: ""
  # Which signals the collector handles.
  tracesEnabled: true
  metricsEnabled: true
  logsEnabled: false

# Override the chart name part of resource names, or the whole name.
nameOverride: ""
fullnameOverride: ""

image:
  otelcol:
    repository: quay.io/signalfx/splunk-otel-collector
    # Defaults to the chart appVersion.
    tag: ""
    pullPolicy: IfNotPresent

# Agent: one collector per node (DaemonSet). Applications send to it on the node's IP.
agent:
  enabled: true
  # containerPort = hostPort on every node. A port is opened when one of the signals
  # it carries is enabled.
  ports:
    otlp:
      containerPort: 4317
      hostPort: 4317
      protocol: TCP
      enabled_for: [metrics, traces, logs]
    otlp-http:
      containerPort: 4318
      hostPort: 4318
      protocol: TCP
      enabled_for: [metrics, traces, logs]
    jaeger-grpc:
      containerPort: 14250
      hostPort: 14250
      protocol: TCP
      enabled_for: [traces]
    jaeger-thrift:
      containerPort: 14268
      hostPort: 14268
      protocol: TCP
      enabled_for: [traces]
    zipkin:
      containerPort: 9411
      hostPort: 9411
      protocol: TCP
      enabled_for: [traces]
  resources:
    limits:
      cpu: 200m
      memory: 500Mi
  # Service in front of the agents; internalTrafficPolicy Local keeps traffic on the node.
  service:
    enabled: true
  # Extra collector configuration, merged over the generated one.
  config: {}
  extraEnvs: []
  podLabels: {}
  podAnnotations: {}

# Cluster receiver: one collector (Deployment) for cluster-level metrics.
clusterReceiver:
  enabled: true
  resources:
    limits:
      cpu: 200m
      memory: 500Mi
  nodeSelector: {}
  tolerations: []
  config: {}

# OpenTelemetry operator for auto-instrumentation (the upstream chart uses a subchart).
operator:
  enabled: false
  replicaCount: 1
  image:
    repository: ghcr.io/open-telemetry/opentelemetry-operator/opentelemetry-operator
    tag: v0.127.0
  resources:
    limits:
      cpu: 100m
      memory: 128Mi
    requests:
      cpu: 100m
      memory: 64Mi
  nodeSelector: {}
  tolerations: []

secret:
  # Create the Secret holding the access token; set false to bring your own.
  create: true
  # Name of the Secret; defaults to the full name.
  name: ""

serviceAccount:
  create: true
  # Defaults to the full name.
  name: ""
  annotations: {}

rbac:
  create: true

# Node selector and tolerations of the agent DaemonSet. The default tolerations let the
# agent run on control-plane nodes too.
nodeSelector: {}
tolerations:
  - effect: NoSchedule
    key: node-role.kubernetes.io/master
  - effect: NoSchedule
    key: node-role.kubernetes.io/control-plane

priorityClassName: ""
terminationGracePeriodSeconds: 600
`;
