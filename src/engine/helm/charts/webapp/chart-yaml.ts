/** Chart.yaml and values.yaml of sandbox/webapp, a generic web application chart. */

export const CHART_YAML = `apiVersion: v2
name: webapp
description: A generic web application - Deployment, Service, optional Ingress and autoscaling
type: application
version: 0.1.0
appVersion: "1.27.0"
keywords:
  - web
  - sandbox
maintainers:
  - name: kube-sandbox
`;

export const VALUES_YAML = `# Default values for webapp.

replicaCount: 1

image:
  repository: nginx
  pullPolicy: IfNotPresent
  # Defaults to the chart appVersion.
  tag: ""

nameOverride: ""
fullnameOverride: ""

podAnnotations: {}
podLabels: {}

# Port the container listens on.
containerPort: 80

# Extra environment variables, as name: value.
env: {}

service:
  # ClusterIP, NodePort or LoadBalancer.
  type: ClusterIP
  port: 80

ingress:
  enabled: false
  className: ""
  annotations: {}
  hosts:
    - host: webapp.local
      paths:
        - path: /
          pathType: Prefix
  tls: []

resources: {}
  # limits:
  #   cpu: 100m
  #   memory: 128Mi
  # requests:
  #   cpu: 100m
  #   memory: 128Mi

autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: 5
  targetCPUUtilizationPercentage: 80

nodeSelector: {}

tolerations: []

affinity: {}
`;
