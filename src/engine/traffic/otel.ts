import type { ConfigMap, Pod } from '../api/types';
import { isPodReady, isPodRunning } from '../network/pods';
import type { BackendConfig } from './config';

/**
 * The OpenTelemetry side of pods: which pods are instrumented, which pod is a node's
 * collector agent, and where an agent exports (from its ConfigMap, as the
 * splunk-otel-collector chart renders it).
 */

export const OTLP_HTTP_PORT = 4318;
export const OTLP_GRPC_PORT = 4317;

const OTEL_ENV = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'SPLUNK_OTEL_AGENT'];
export const INJECT_ANNOTATION_PREFIX = 'instrumentation.opentelemetry.io/inject-';

/** A collector agent: a pod publishing OTLP (4318 or 4317) as a hostPort, as the chart's agent DaemonSet does. */
export function isOtelAgentPod(pod: Pod): boolean {
  // Asked about every pod the network sees: plain loops, no closures.
  for (const c of pod.spec.containers) {
    const ports = c.ports;
    if (!ports) continue;
    for (const p of ports) if (p.hostPort !== undefined && (p.containerPort === OTLP_HTTP_PORT || p.containerPort === OTLP_GRPC_PORT)) return true;
  }
  return false;
}

/** The OpenTelemetry operator (it injects instrumentation into annotated pods). */
export function isOtelOperatorPod(pod: Pod): boolean {
  const l = pod.metadata.labels ?? {};
  return l['app.kubernetes.io/name'] === 'opentelemetry-operator' || /^[a-z0-9-]*opentelemetry-operator-/.test(pod.metadata.name);
}

export function agentServing(pod: Pod): boolean {
  return isPodRunning(pod) && isPodReady(pod) && !pod.metadata.deletionTimestamp;
}

function hasInjectAnnotation(pod: Pod): boolean {
  for (const [k, v] of Object.entries(pod.metadata.annotations ?? {})) if (k.startsWith(INJECT_ANNOTATION_PREFIX) && v !== 'false') return true;
  return false;
}

/**
 * A pod sends spans when its containers carry an OTLP exporter endpoint (set by hand, by the
 * chart's docs, or injected by the operator), when it is annotated for injection while the
 * operator runs, or when the scenario says so.
 */
const exporterEnv = new WeakMap<Pod, boolean>();

export function isInstrumented(pod: Pod, operatorRunning: boolean, forced: boolean | undefined): boolean {
  if (forced !== undefined) return forced;
  let env = exporterEnv.get(pod);
  if (env === undefined) exporterEnv.set(pod, (env = pod.spec.containers.some((c) => (c.env ?? []).some((e) => OTEL_ENV.includes(e.name)))));
  return env || (operatorRunning && hasInjectAnnotation(pod));
}

/** `service.name`: OTEL_SERVICE_NAME when set literally, else the Service the request came through. */
export function serviceNameOf(pod: Pod, fallback: string): string {
  for (const c of pod.spec.containers) {
    const v = (c.env ?? []).find((e) => e.name === 'OTEL_SERVICE_NAME')?.value;
    if (v) return v;
  }
  return fallback;
}

/**
 * Where a pod's OTLP exporter sends its spans. The splunk-otel-collector chart's way is the
 * agent on the pod's own node (`http://$(SPLUNK_OTEL_AGENT):4318`, the variable being the
 * downward API's `status.hostIP`); a pod whose endpoint names any other host (a collector
 * Service such as `http://otel-collector.observability:4318`, a pod IP, localhost) sends there.
 * No endpoint at all (the operator injects one, or the scenario says the pod is instrumented)
 * means the node's agent too. An endpoint that is not a URL cannot be sent to.
 */
export type ExportDestination =
  | { readonly kind: 'node-agent' }
  | { readonly kind: 'host'; readonly host: string; readonly port: number; readonly endpoint: string }
  | { readonly kind: 'invalid'; readonly endpoint: string };

const NODE_AGENT: ExportDestination = Object.freeze({ kind: 'node-agent' });
/** The traces-specific variable wins over the general one (OTLP exporter spec). */
const ENDPOINT_VARS = ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'];
/** Stands for a `status.hostIP` reference while an endpoint is expanded. */
const HOST_IP = '\u0000hostIP';
const URL_RE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#\s]+)(?::(\d{1,5}))?(?:[/?#].*)?$/i;

/** `$(VAR)` expansion as the kubelet does it: earlier variables of the same container; `$$(` stays literal. */
function expand(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(/\$(\$?)\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, escaped: string, name: string) => (escaped ? whole.slice(1) : vars.get(name) ?? whole));
}

function destinationOf(endpoint: string): ExportDestination {
  const m = URL_RE.exec(endpoint.trim());
  if (!m) return { kind: 'invalid', endpoint };
  const scheme = (m[1] ?? '').toLowerCase();
  if (m[2] === HOST_IP) return NODE_AGENT;
  const host = m[2]!.toLowerCase();
  if (host.includes('$(') || (scheme !== '' && scheme !== 'http' && scheme !== 'https')) return { kind: 'invalid', endpoint };
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : scheme === 'http' ? 80 : OTLP_GRPC_PORT;
  if (!(port > 0 && port < 65536)) return { kind: 'invalid', endpoint };
  return { kind: 'host', host, port, endpoint };
}

const destinations = new WeakMap<Pod, ExportDestination>();

/** The first container that sets an OTLP endpoint decides (cached per pod object). */
export function exportDestination(pod: Pod): ExportDestination {
  let d = destinations.get(pod);
  if (d) return d;
  d = NODE_AGENT;
  outer: for (const c of pod.spec.containers) {
    const vars = new Map<string, string>();
    const found = new Map<string, string>();
    for (const e of c.env ?? []) {
      const v = e.valueFrom?.fieldRef?.fieldPath === 'status.hostIP' ? HOST_IP : e.value !== undefined ? expand(e.value, vars) : undefined;
      if (v === undefined) continue;
      vars.set(e.name, v);
      if (ENDPOINT_VARS.includes(e.name)) found.set(e.name, v);
    }
    for (const name of ENDPOINT_VARS) {
      const v = found.get(name);
      if (v !== undefined) {
        d = destinationOf(v);
        break outer;
      }
    }
  }
  destinations.set(pod, d);
  return d;
}

export interface ExportTarget {
  /** Flow id of the backend: `backend/splunk-observability-cloud` or `backend/observability-backend`. */
  readonly id: string;
  readonly endpoint: string;
  readonly clusterName?: string;
}

export const GENERIC_BACKEND: ExportTarget = { id: 'backend/observability-backend', endpoint: 'http://observability-backend:4318/v1/traces' };

export function backendTarget(b: BackendConfig, clusterName?: string): ExportTarget {
  const base = b.kind === 'splunk'
    ? { id: 'backend/splunk-observability-cloud', endpoint: `https://ingest.${b.realm}.observability.splunkcloud.com/v2/trace/otlp` }
    : { id: 'backend/observability-backend', endpoint: b.endpoint };
  return clusterName ? { ...base, clusterName } : base;
}

const SPLUNK_INGEST = /https:\/\/ingest\.([a-z0-9-]+)\.(?:observability\.splunkcloud\.com|signalfx\.com)\/v2\/trace(?:\/otlp)?/;
const TRACES_ENDPOINT = /traces_endpoint:\s*["']?([^\s"']+)/;
const CLUSTER_NAME = /(?:key:\s*k8s\.cluster\.name\s*\n\s*value:\s*["']?([^\s"'\n]+))|(?:value:\s*["']?([^\s"'\n]+)["']?\s*\n\s*key:\s*k8s\.cluster\.name)/;

/** Reads the export endpoint and cluster name out of an agent's rendered collector config. */
export function exportTargetFromConfig(text: string): ExportTarget | undefined {
  const cluster = CLUSTER_NAME.exec(text);
  const clusterName = cluster?.[1] ?? cluster?.[2];
  const splunk = SPLUNK_INGEST.exec(text);
  if (splunk) return backendTarget({ kind: 'splunk', realm: splunk[1]! }, clusterName);
  const generic = TRACES_ENDPOINT.exec(text);
  if (generic) return backendTarget({ kind: 'generic', endpoint: generic[1]! }, clusterName);
  return undefined;
}

/** The agent's export target: the first ConfigMap it mounts that names one, else the generic backend. */
export function exportTargetOf(agent: Pod, configMap: (namespace: string, name: string) => ConfigMap | undefined): ExportTarget {
  const ns = agent.metadata.namespace ?? 'default';
  const names = (agent.spec.volumes ?? []).map((v) => v.configMap?.name).filter((n): n is string => n !== undefined).sort();
  for (const name of names) {
    for (const text of Object.values(configMap(ns, name)?.data ?? {})) {
      const t = exportTargetFromConfig(text);
      if (t) return t;
    }
  }
  return GENERIC_BACKEND;
}

/** container.image.name / .tag as the k8s_attributes processor splits them. */
export function imageParts(image: string): { name: string; tag: string } {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  const slash = ref.lastIndexOf('/');
  return colon > slash ? { name: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { name: ref, tag: 'latest' };
}
