/** The cluster receiver: one collector for cluster-level metrics (k8s_cluster receiver). */

export const CLUSTER_RECEIVER_CONFIG_TPL = `{{- define "splunk-otel-collector.clusterReceiverConfig" -}}
{{- $ingest := include "splunk-otel-collector.ingestUrl" . -}}
extensions:
  health_check:
    endpoint: 0.0.0.0:13133
receivers:
  k8s_cluster:
    auth_type: serviceAccount
    metadata_exporters: [signalfx]
processors:
  memory_limiter:
    check_interval: 2s
    limit_mib: \${SPLUNK_MEMORY_LIMIT_MIB}
  batch: {}
  resource:
    attributes:
      - action: upsert
        key: k8s.cluster.name
        value: {{ required "clusterName is required" .Values.clusterName | quote }}
exporters:
  signalfx:
    access_token: \${SPLUNK_OBSERVABILITY_ACCESS_TOKEN}
    api_url: {{ include "splunk-otel-collector.apiUrl" . }}
    ingest_url: {{ $ingest }}
    timeout: 10s
service:
  extensions: [health_check]
  pipelines:
    metrics:
      receivers: [k8s_cluster]
      processors: [memory_limiter, batch, resource]
      exporters: [signalfx]
{{- end }}
`;

export const CLUSTER_RECEIVER_CONFIGMAP = `{{- if .Values.clusterReceiver.enabled }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "splunk-otel-collector.fullname" . }}-otel-k8s-cluster-receiver
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
    app.kubernetes.io/component: otel-k8s-cluster-receiver
data:
  relay: |
    {{- $config := include "splunk-otel-collector.clusterReceiverConfig" . | fromYaml }}
    {{- $config = mergeOverwrite $config (deepCopy .Values.clusterReceiver.config) }}
    {{- toYaml $config | nindent 4 }}
{{- end }}
`;

export const CLUSTER_RECEIVER_DEPLOYMENT = `{{- if .Values.clusterReceiver.enabled }}
{{- $component := dict "root" . "component" "otel-k8s-cluster-receiver" }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "splunk-otel-collector.fullname" . }}-k8s-cluster-receiver
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
    app.kubernetes.io/component: otel-k8s-cluster-receiver
spec:
  # A second replica would report every cluster metric twice.
  replicas: 1
  selector:
    matchLabels:
      {{- include "splunk-otel-collector.componentSelectorLabels" $component | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "splunk-otel-collector.componentSelectorLabels" $component | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/configmap-cluster-receiver.yaml") . | sha256sum }}
    spec:
      serviceAccountName: {{ include "splunk-otel-collector.serviceAccountName" . }}
      {{- with .Values.clusterReceiver.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.clusterReceiver.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: otel-collector
          image: {{ include "splunk-otel-collector.image" . }}
          imagePullPolicy: {{ .Values.image.otelcol.pullPolicy }}
          command:
            - /otelcol
            - --config=/conf/relay.yaml
          env:
            - name: SPLUNK_MEMORY_LIMIT_MIB
              value: {{ include "splunk-otel-collector.convertMemToMib" .Values.clusterReceiver.resources.limits.memory | quote }}
            {{- include "splunk-otel-collector.commonEnv" . | nindent 12 }}
          readinessProbe:
            httpGet:
              path: /
              port: 13133
          livenessProbe:
            httpGet:
              path: /
              port: 13133
          resources:
            {{- toYaml .Values.clusterReceiver.resources | nindent 12 }}
          volumeMounts:
            - name: collector-configmap
              mountPath: /conf
      volumes:
        - name: collector-configmap
          configMap:
            name: {{ include "splunk-otel-collector.fullname" . }}-otel-k8s-cluster-receiver
            items:
              - key: relay
                path: relay.yaml
{{- end }}
`;
