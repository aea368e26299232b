/** Secret, ServiceAccount, RBAC and NOTES of the splunk-otel-collector model chart. */

export const SECRET = `{{- if .Values.secret.create }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "splunk-otel-collector.secretName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
type: Opaque
data:
  splunk_observability_access_token: {{ required "splunkObservability.accessToken is required" .Values.splunkObservability.accessToken | b64enc }}
{{- end }}
`;

export const SERVICE_ACCOUNT = `{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "splunk-otel-collector.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
`;

export const CLUSTER_ROLE = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "splunk-otel-collector.fullname" . }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: [events, namespaces, namespaces/status, nodes, nodes/spec, nodes/stats, nodes/proxy, pods, pods/status, persistentvolumeclaims, persistentvolumes, replicationcontrollers, replicationcontrollers/status, resourcequotas, services]
    verbs: [get, list, watch]
  - apiGroups: [apps]
    resources: [daemonsets, deployments, replicasets, statefulsets]
    verbs: [get, list, watch]
  - apiGroups: [batch]
    resources: [jobs, cronjobs]
    verbs: [get, list, watch]
  - apiGroups: [autoscaling]
    resources: [horizontalpodautoscalers]
    verbs: [get, list, watch]
  - nonResourceURLs: [/metrics]
    verbs: [get]
{{- end }}
`;

export const CLUSTER_ROLE_BINDING = `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ include "splunk-otel-collector.fullname" . }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ include "splunk-otel-collector.fullname" . }}
subjects:
  - kind: ServiceAccount
    name: {{ include "splunk-otel-collector.serviceAccountName" . }}
    namespace: {{ .Release.Namespace }}
{{- end }}
`;

export const NOTES_TXT = `Splunk OpenTelemetry Collector {{ .Chart.AppVersion }} is installed in namespace {{ .Release.Namespace }}.
Data from cluster {{ .Values.clusterName | quote }} goes to the Splunk Observability Cloud realm {{ .Values.splunkObservability.realm }}.
{{- $fullname := include "splunk-otel-collector.fullname" . }}
{{- if .Values.agent.enabled }}

An agent runs on every node (DaemonSet {{ $fullname }}-agent) and listens on the node's IP:
  OTLP gRPC 4317, OTLP HTTP 4318{{ if .Values.splunkObservability.tracesEnabled }}, Jaeger 14250/14268, Zipkin 9411{{ end }}.
Point an application at the agent on its own node:

  env:
    - name: SPLUNK_OTEL_AGENT
      valueFrom:
        fieldRef:
          fieldPath: status.hostIP
    - name: OTEL_EXPORTER_OTLP_ENDPOINT
      value: "http://$(SPLUNK_OTEL_AGENT):4317"
{{- end }}
{{- if .Values.clusterReceiver.enabled }}

Cluster-level metrics come from the Deployment {{ $fullname }}-k8s-cluster-receiver.
{{- end }}
{{- if .Values.operator.enabled }}

The OpenTelemetry operator runs as the Deployment {{ include "splunk-otel-collector.operatorFullname" . }}.
{{- end }}
`;
