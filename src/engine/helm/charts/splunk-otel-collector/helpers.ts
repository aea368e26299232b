/** templates/_helpers.tpl of the splunk-otel-collector model chart. */

export const HELPERS_TPL = `{{/*
Chart name, unless nameOverride is set.
*/}}
{{- define "splunk-otel-collector.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: <release>-<chart>, or just <release> when it already contains the chart name.
Kept within 63 characters, the DNS label limit.
*/}}
{{- define "splunk-otel-collector.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
chart label value: <name>-<version>.
*/}}
{{- define "splunk-otel-collector.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels every object carries.
*/}}
{{- define "splunk-otel-collector.labels" -}}
helm.sh/chart: {{ include "splunk-otel-collector.chart" . }}
{{ include "splunk-otel-collector.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels that select this release's pods.
*/}}
{{- define "splunk-otel-collector.selectorLabels" -}}
app.kubernetes.io/name: {{ include "splunk-otel-collector.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector labels of one component. Call with (dict "root" $ "component" "<name>").
*/}}
{{- define "splunk-otel-collector.componentSelectorLabels" -}}
{{ include "splunk-otel-collector.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "splunk-otel-collector.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "splunk-otel-collector.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "splunk-otel-collector.secretName" -}}
{{- default (include "splunk-otel-collector.fullname" .) .Values.secret.name }}
{{- end }}

{{- define "splunk-otel-collector.operatorFullname" -}}
{{- if contains "operator" .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "splunk-otel-collector.image" -}}
{{ .Values.image.otelcol.repository }}:{{ .Values.image.otelcol.tag | default .Chart.AppVersion }}
{{- end }}

{{/*
Ingest and API endpoints of the configured realm.
*/}}
{{- define "splunk-otel-collector.ingestUrl" -}}
{{- $realm := required "splunkObservability.realm is required" .Values.splunkObservability.realm -}}
https://ingest.{{ $realm }}.observability.splunkcloud.com
{{- end }}

{{- define "splunk-otel-collector.apiUrl" -}}
https://api.{{ .Values.splunkObservability.realm }}.observability.splunkcloud.com
{{- end }}

{{/*
A memory quantity (500Mi, 1Gi) in MiB, for the collector's memory limiter.
*/}}
{{- define "splunk-otel-collector.convertMemToMib" -}}
{{- $mem := lower . -}}
{{- if hasSuffix "gi" $mem -}}
{{- trimSuffix "gi" $mem | atoi | mul 1024 -}}
{{- else if hasSuffix "mi" $mem -}}
{{- trimSuffix "mi" $mem | atoi -}}
{{- else if hasSuffix "g" $mem -}}
{{- div (mul (trimSuffix "g" $mem | atoi) 1000000000) 1048576 -}}
{{- else if hasSuffix "m" $mem -}}
{{- div (mul (trimSuffix "m" $mem | atoi) 1000000) 1048576 -}}
{{- else -}}
{{- div ($mem | atoi) 1048576 -}}
{{- end -}}
{{- end }}

{{/*
Non-empty when one of the signals a port carries is enabled.
Call with (dict "port" $port "root" $).
*/}}
{{- define "splunk-otel-collector.portEnabled" -}}
{{- $o := .root.Values.splunkObservability -}}
{{- range .port.enabled_for -}}
{{- if or (and (eq . "traces") $o.tracesEnabled) (and (eq . "metrics") $o.metricsEnabled) (and (eq . "logs") $o.logsEnabled) }}true{{ end -}}
{{- end -}}
{{- end }}

{{/*
Environment every collector container gets: where it runs and the access token.
*/}}
{{- define "splunk-otel-collector.commonEnv" -}}
- name: K8S_NODE_NAME
  valueFrom:
    fieldRef:
      fieldPath: spec.nodeName
- name: K8S_NODE_IP
  valueFrom:
    fieldRef:
      apiVersion: v1
      fieldPath: status.hostIP
- name: K8S_POD_IP
  valueFrom:
    fieldRef:
      apiVersion: v1
      fieldPath: status.podIP
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: K8S_POD_UID
  valueFrom:
    fieldRef:
      fieldPath: metadata.uid
- name: K8S_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: SPLUNK_OBSERVABILITY_ACCESS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "splunk-otel-collector.secretName" . }}
      key: splunk_observability_access_token
{{- end }}
`;
