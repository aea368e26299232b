/**
 * How a built-in scenario is written: its picker text (name, title, one paragraph) kept once,
 * in TS, and its YAML document assembled from that text and the `spec:` section. The YAML is
 * what the CLI runs, the worker parses and a share link carries.
 */

export interface BuiltinScenario {
  readonly name: string;
  readonly title: string;
  /** One paragraph, as the picker shows it (the YAML's folded `description`). */
  readonly description: string;
  readonly yaml: string;
}

export interface BuiltinText {
  readonly name: string;
  readonly title: string;
  /** Written with line breaks for the source; they fold into spaces. */
  readonly description: string;
}

export const SCENARIO_HEADER = 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario';

/** Indents every non-empty line of `text` by `spaces`. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((l) => (l.trim() === '' ? '' : pad + l)).join('\n');
}

/** `spec` starts with `spec:` at column 0 (a YAML mapping written as a template literal). */
export function defineScenario(text: BuiltinText, spec: string): BuiltinScenario {
  const lines = text.description.trim().split('\n').map((l) => l.trim());
  const yaml = [
    SCENARIO_HEADER,
    'metadata:',
    `  name: ${text.name}`,
    `  title: ${JSON.stringify(text.title)}`,
    '  description: >',
    indent(lines.join('\n'), 4),
    spec.trim(),
    '',
  ].join('\n');
  return { name: text.name, title: text.title, description: lines.join(' '), yaml };
}

/**
 * A pod template's environment for OpenTelemetry SDKs that send to the collector agent on
 * their own node (the node's IP from the downward API, then the OTLP/HTTP port 4318).
 */
export function otelAgentEnv(serviceName: string, indentBy: number): string {
  return indent(`- name: SPLUNK_OTEL_AGENT
  valueFrom:
    fieldRef:
      fieldPath: status.hostIP
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: http://$(SPLUNK_OTEL_AGENT):4318
- name: OTEL_SERVICE_NAME
  value: ${serviceName}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: deployment.environment=sandbox`, indentBy);
}

/** An app's Service: named after it, selecting `app: <name>`, `port` → the pods' port named `http`. */
export function appService(name: string, namespace: string, port: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: { app: ${name} }
spec:
  selector: { app: ${name} }
  ports:
    - name: http
      port: ${port}
      targetPort: http`;
}
