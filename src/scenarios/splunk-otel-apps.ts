import { appService, indent, otelAgentEnv } from './builtin';

/**
 * The CXTM applications of the Helm guide, as the scenario's `cxtm.yaml`: Flask services
 * already instrumented with the OpenTelemetry SDK, exporting to the collector agent on their
 * own node (which does not exist until the chart is installed).
 */

interface App {
  readonly name: string;
  readonly component: string;
  readonly replicas: number;
  readonly port: number;
  readonly cpu: string;
  readonly memory: string;
}

export const CXTM_APPS: readonly App[] = [
  { name: 'cxtm-web', component: 'web', replicas: 3, port: 80, cpu: '250m', memory: '256Mi' },
  { name: 'cxtm-scheduler', component: 'scheduler', replicas: 2, port: 8080, cpu: '200m', memory: '256Mi' },
  { name: 'cxtm-zipservice', component: 'zipservice', replicas: 2, port: 8080, cpu: '500m', memory: '512Mi' },
];

function app(a: App): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${a.name}
  namespace: cxtm
  labels: { app: ${a.name}, app.kubernetes.io/part-of: cxtm }
spec:
  replicas: ${a.replicas}
  selector:
    matchLabels: { app: ${a.name} }
  template:
    metadata:
      labels: { app: ${a.name}, app.kubernetes.io/part-of: cxtm }
    spec:
      containers:
        - name: ${a.component}
          image: registry.sandbox.test/cxtm/${a.component}:24.10.2
          ports:
            - name: http
              containerPort: 8080
          env:
${otelAgentEnv(a.name, 12)}
          resources:
            requests: { cpu: ${a.cpu}, memory: ${a.memory} }
          readinessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 10
---
${appService(a.name, 'cxtm', a.port)}`;
}

/** `cxtm.yaml`, indented to sit under `spec.files` (6 spaces). */
export function cxtmManifests(): string {
  const docs = ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cxtm', ...CXTM_APPS.map(app)];
  return indent(docs.join('\n---\n'), 6);
}
