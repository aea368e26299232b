/** The agent: its collector configuration, ConfigMap, DaemonSet and node-local Service. */

export const AGENT_CONFIG_TPL = `{{/*
Collector configuration of the agent, before agent.config is merged over it.
*/}}
{{- define "splunk-otel-collector.agentConfig" -}}
{{- $ingest := include "splunk-otel-collector.ingestUrl" . -}}
{{- $o := .Values.splunkObservability -}}
extensions:
  health_check:
    endpoint: 0.0.0.0:13133
  k8s_observer:
    auth_type: serviceAccount
    node: \${K8S_NODE_NAME}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
      http:
        endpoint: 0.0.0.0:4318
  {{- if $o.tracesEnabled }}
  jaeger:
    protocols:
      grpc:
        endpoint: 0.0.0.0:14250
      thrift_http:
        endpoint: 0.0.0.0:14268
  zipkin:
    endpoint: 0.0.0.0:9411
  {{- end }}
  {{- if $o.metricsEnabled }}
  hostmetrics:
    collection_interval: 10s
    scrapers:
      cpu: {}
      disk: {}
      filesystem: {}
      load: {}
      memory: {}
      network: {}
  kubeletstats:
    auth_type: serviceAccount
    collection_interval: 10s
    endpoint: \${K8S_NODE_IP}:10250
  {{- end }}
processors:
  memory_limiter:
    check_interval: 2s
    limit_mib: \${SPLUNK_MEMORY_LIMIT_MIB}
  k8s_attributes:
    passthrough: false
    filter:
      node_from_env_var: K8S_NODE_NAME
    pod_association:
      - sources:
          - from: resource_attribute
            name: k8s.pod.uid
      - sources:
          - from: resource_attribute
            name: k8s.pod.ip
      - sources:
          - from: resource_attribute
            name: ip
      - sources:
          - from: connection
    extract:
      metadata:
        - k8s.namespace.name
        - k8s.node.name
        - k8s.pod.name
        - k8s.pod.uid
        - container.id
        - container.image.name
        - container.image.tag
  batch:
    metadata_keys:
      - X-SF-Token
  resource_detection:
    detectors: [env, system]
    override: true
    timeout: 15s
  resource:
    attributes:
      - action: insert
        key: k8s.node.name
        value: \${K8S_NODE_NAME}
      - action: upsert
        key: k8s.cluster.name
        value: {{ required "clusterName is required" .Values.clusterName | quote }}
exporters:
  otlp_http:
    traces_endpoint: {{ $ingest }}/v2/trace/otlp
    metrics_endpoint: {{ $ingest }}/v2/datapoint/otlp
    headers:
      X-SF-Token: \${SPLUNK_OBSERVABILITY_ACCESS_TOKEN}
  signalfx:
    access_token: \${SPLUNK_OBSERVABILITY_ACCESS_TOKEN}
    api_url: {{ include "splunk-otel-collector.apiUrl" . }}
    ingest_url: {{ $ingest }}
    correlation: {}
service:
  extensions: [health_check, k8s_observer]
  pipelines:
    {{- if $o.tracesEnabled }}
    traces:
      receivers: [otlp, jaeger, zipkin]
      processors: [memory_limiter, k8s_attributes, batch, resource_detection, resource]
      exporters: [otlp_http, signalfx]
    {{- end }}
    {{- if $o.metricsEnabled }}
    metrics:
      receivers: [hostmetrics, kubeletstats, otlp]
      processors: [memory_limiter, batch, resource_detection, resource]
      exporters: [signalfx]
    {{- end }}
{{- end }}
`;

export const AGENT_CONFIGMAP = `{{- if .Values.agent.enabled }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "splunk-otel-collector.fullname" . }}-otel-agent
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
    app.kubernetes.io/component: otel-collector-agent
data:
  relay: |
    {{- $config := include "splunk-otel-collector.agentConfig" . | fromYaml }}
    {{- $config = mergeOverwrite $config (deepCopy .Values.agent.config) }}
    {{- toYaml $config | nindent 4 }}
{{- end }}
`;

export const AGENT_DAEMONSET = `{{- if .Values.agent.enabled }}
{{- $component := dict "root" . "component" "otel-collector-agent" }}
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "splunk-otel-collector.fullname" . }}-agent
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
    app.kubernetes.io/component: otel-collector-agent
spec:
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "splunk-otel-collector.componentSelectorLabels" $component | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "splunk-otel-collector.componentSelectorLabels" $component | nindent 8 }}
        {{- with .Values.agent.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/configmap-agent.yaml") . | sha256sum }}
        {{- with .Values.agent.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "splunk-otel-collector.serviceAccountName" . }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      containers:
        - name: otel-collector
          image: {{ include "splunk-otel-collector.image" . }}
          imagePullPolicy: {{ .Values.image.otelcol.pullPolicy }}
          command:
            - /otelcol
            - --config=/conf/relay.yaml
          ports:
            {{- range $name, $port := .Values.agent.ports }}
            {{- if include "splunk-otel-collector.portEnabled" (dict "port" $port "root" $) }}
            - name: {{ $name }}
              containerPort: {{ $port.containerPort }}
              {{- with $port.hostPort }}
              hostPort: {{ . }}
              {{- end }}
              protocol: {{ default "TCP" $port.protocol }}
            {{- end }}
            {{- end }}
          env:
            - name: SPLUNK_MEMORY_LIMIT_MIB
              value: {{ include "splunk-otel-collector.convertMemToMib" .Values.agent.resources.limits.memory | quote }}
            {{- include "splunk-otel-collector.commonEnv" . | nindent 12 }}
            {{- with .Values.agent.extraEnvs }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          readinessProbe:
            httpGet:
              path: /
              port: 13133
          livenessProbe:
            httpGet:
              path: /
              port: 13133
          resources:
            {{- toYaml .Values.agent.resources | nindent 12 }}
          volumeMounts:
            - name: otel-configmap
              mountPath: /conf
      volumes:
        - name: otel-configmap
          configMap:
            name: {{ include "splunk-otel-collector.fullname" . }}-otel-agent
            items:
              - key: relay
                path: relay.yaml
{{- end }}
`;

export const AGENT_SERVICE = `{{- if and .Values.agent.enabled .Values.agent.service.enabled }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "splunk-otel-collector.fullname" . }}-agent
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
    app.kubernetes.io/component: otel-collector-agent
spec:
  type: ClusterIP
  # Pods reach the agent on their own node only.
  internalTrafficPolicy: Local
  selector:
    {{- include "splunk-otel-collector.componentSelectorLabels" (dict "root" . "component" "otel-collector-agent") | nindent 4 }}
  ports:
    {{- range $name, $port := .Values.agent.ports }}
    {{- if include "splunk-otel-collector.portEnabled" (dict "port" $port "root" $) }}
    - name: {{ $name }}
      port: {{ $port.containerPort }}
      targetPort: {{ $port.containerPort }}
      protocol: {{ default "TCP" $port.protocol }}
    {{- end }}
    {{- end }}
{{- end }}
`;
