/** The OpenTelemetry operator (a subchart upstream; one Deployment here). */

export const OPERATOR_DEPLOYMENT = `{{- if .Values.operator.enabled }}
{{- $name := include "splunk-otel-collector.operatorFullname" . }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "splunk-otel-collector.labels" . | nindent 4 }}
    app.kubernetes.io/component: controller-manager
spec:
  replicas: {{ .Values.operator.replicaCount }}
  selector:
    matchLabels:
      app.kubernetes.io/name: operator
      app.kubernetes.io/instance: {{ .Release.Name }}
      app.kubernetes.io/component: controller-manager
  template:
    metadata:
      labels:
        app.kubernetes.io/name: operator
        app.kubernetes.io/instance: {{ .Release.Name }}
        app.kubernetes.io/component: controller-manager
    spec:
      serviceAccountName: {{ include "splunk-otel-collector.serviceAccountName" . }}
      {{- with .Values.operator.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.operator.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: manager
          image: {{ .Values.operator.image.repository }}:{{ .Values.operator.image.tag }}
          args:
            - --metrics-addr=0.0.0.0:8080
            - --health-probe-addr=:8081
            - --enable-leader-election
            - --collector-image={{ include "splunk-otel-collector.image" . }}
          ports:
            - name: metrics
              containerPort: 8080
              protocol: TCP
            - name: webhook-server
              containerPort: 9443
              protocol: TCP
          env:
            - name: SPLUNK_OTEL_AGENT_ENDPOINT
              value: http://{{ include "splunk-otel-collector.fullname" . }}-agent.{{ .Release.Namespace }}.svc.cluster.local:4317
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8081
          readinessProbe:
            httpGet:
              path: /readyz
              port: 8081
          resources:
            {{- toYaml .Values.operator.resources | nindent 12 }}
{{- end }}
`;
