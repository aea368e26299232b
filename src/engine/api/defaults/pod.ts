/** SetDefaults for PodSpec, Container and Probe (k8s:pkg/apis/core/v1/defaults.go). */
import type { KubeObject } from '../types';
import { arrayAt, ensureRecord, isRecord, recordAt, setDefault, type Json } from '../validation/shape';

/** The tag of an image reference: `latest` when none is given and there is no digest. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.indexOf(':', ref.lastIndexOf('/') + 1);
  if (colon >= 0) return ref.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** `Always` for `:latest` or an untagged, undigested image; otherwise `IfNotPresent`. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  if (!isRecord(probe)) return;
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  const http = recordAt(probe, 'httpGet');
  if (http) {
    if (http.path === undefined || http.path === '') http.path = '/';
    setDefault(http, 'scheme', 'HTTP');
  }
}

function defaultContainer(c: unknown, hostNetwork: boolean): void {
  if (!isRecord(c)) return;
  if (typeof c.image === 'string' && c.image !== '') setDefault(c, 'imagePullPolicy', defaultPullPolicy(c.image));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const p of arrayAt(c, 'ports') ?? []) {
    if (!isRecord(p)) continue;
    setDefault(p, 'protocol', 'TCP');
    if (hostNetwork && (p.hostPort === undefined || p.hostPort === 0)) p.hostPort = p.containerPort;
  }
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) defaultProbe(c[probe]);
}

/** Defaults shared by Pods and pod templates. */
export function defaultPodSpec(spec: unknown): void {
  if (!isRecord(spec)) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  const hostNetwork = spec.hostNetwork === true;
  for (const c of arrayAt(spec, 'containers') ?? []) defaultContainer(c, hostNetwork);
  for (const c of arrayAt(spec, 'initContainers') ?? []) defaultContainer(c, hostNetwork);
}

/** A pod template inside a workload (`spec.template`), created when absent. */
export function defaultPodTemplate(parent: Json, field = 'template'): void {
  const template = ensureRecord(parent, field);
  if (template) defaultPodSpec(ensureRecord(template, 'spec'));
}

/** Requests default to limits for resources that only have a limit (Pods only, not templates). */
function requestsFromLimits(c: unknown): void {
  const resources = recordAt(c, 'resources');
  const limits = recordAt(resources, 'limits');
  if (!resources || !limits) return;
  const requests = ensureRecord(resources, 'requests');
  if (!requests) return;
  for (const [name, value] of Object.entries(limits)) setDefault(requests, name, value);
}

export function defaultPod(obj: KubeObject): void {
  if (obj.spec === undefined) obj.spec = {};
  const spec = recordAt(obj, 'spec');
  if (!spec) return;
  defaultPodSpec(spec);
  setDefault(spec, 'enableServiceLinks', true);
  for (const c of arrayAt(spec, 'containers') ?? []) requestsFromLimits(c);
  for (const c of arrayAt(spec, 'initContainers') ?? []) requestsFromLimits(c);
}
