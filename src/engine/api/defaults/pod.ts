/** SetDefaults for PodSpec, Container and Probe (k8s:pkg/apis/core/v1/defaults.go). */
import type { KubeObject } from '../types';
import { deepClone } from '../../util/clone';
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

const absent = (v: unknown): boolean => v === undefined || v === null;

/**
 * A probe's defaults. With `apply` false nothing is written: the answer is whether any
 * default is missing (so a shared container is copied before it is defaulted).
 */
function probeDefaults(probe: unknown, apply: boolean): boolean {
  if (!isRecord(probe)) return false;
  const http = recordAt(probe, 'httpGet');
  if (!apply) {
    return absent(probe.timeoutSeconds) || absent(probe.periodSeconds) || absent(probe.successThreshold) || absent(probe.failureThreshold)
      || (http !== undefined && (http.path === undefined || http.path === '' || absent(http.scheme)));
  }
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  if (http) {
    if (http.path === undefined || http.path === '') http.path = '/';
    setDefault(http, 'scheme', 'HTTP');
  }
  return true;
}

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/** A container's defaults (`forPod`: also requests from limits); `apply` as in probeDefaults. */
function containerDefaults(c: Json, hostNetwork: boolean, forPod: boolean, apply: boolean): boolean {
  const pullPolicy = typeof c.image === 'string' && c.image !== '' && absent(c.imagePullPolicy);
  const ports = arrayAt(c, 'ports') ?? [];
  if (!apply) {
    if (pullPolicy || absent(c.terminationMessagePath) || absent(c.terminationMessagePolicy)) return true;
    for (const p of ports) if (isRecord(p) && (absent(p.protocol) || (hostNetwork && (p.hostPort === undefined || p.hostPort === 0)))) return true;
    for (const probe of PROBES) if (probeDefaults(c[probe], false)) return true;
    return forPod && requestsFromLimits(c, false);
  }
  if (pullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image as string);
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const p of ports) {
    if (!isRecord(p)) continue;
    setDefault(p, 'protocol', 'TCP');
    if (hostNetwork && (p.hostPort === undefined || p.hostPort === 0)) p.hostPort = p.containerPort;
  }
  for (const probe of PROBES) probeDefaults(c[probe], true);
  if (forPod) requestsFromLimits(c, true);
  return true;
}

/**
 * Defaults every container of `spec[field]`, copy on write: a container that lacks none of
 * them is left as it is (it may be shared with a stored template, immutable), one that lacks
 * some is replaced by a defaulted copy in a copy of the list.
 */
function defaultContainers(spec: Json, field: 'containers' | 'initContainers', hostNetwork: boolean, forPod: boolean): void {
  const list = arrayAt(spec, field);
  if (!list) return;
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (!isRecord(c) || !containerDefaults(c, hostNetwork, forPod, false)) continue;
    const copy = deepClone(c);
    containerDefaults(copy, hostNetwork, forPod, true);
    (out ??= list.slice())[i] = copy;
  }
  if (out) spec[field] = out;
}

/** Defaults shared by Pods and pod templates. */
export function defaultPodSpec(spec: unknown, forPod = false): void {
  if (!isRecord(spec)) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  const hostNetwork = spec.hostNetwork === true;
  defaultContainers(spec, 'containers', hostNetwork, forPod);
  defaultContainers(spec, 'initContainers', hostNetwork, forPod);
}

/** A pod template inside a workload (`spec.template`), created when absent. */
export function defaultPodTemplate(parent: Json, field = 'template'): void {
  const template = ensureRecord(parent, field);
  if (template) defaultPodSpec(ensureRecord(template, 'spec'));
}

/** Requests default to limits for resources that only have a limit (Pods only, not templates); `apply` as in probeDefaults. */
function requestsFromLimits(c: unknown, apply: boolean): boolean {
  const resources = recordAt(c, 'resources');
  const limits = recordAt(resources, 'limits');
  if (!resources || !limits) return false;
  if (!apply) {
    if (absent(resources.requests)) return true;
    const requests = recordAt(resources, 'requests');
    return requests !== undefined && Object.keys(limits).some((name) => absent(requests[name]));
  }
  const requests = ensureRecord(resources, 'requests');
  if (!requests) return true;
  for (const [name, value] of Object.entries(limits)) setDefault(requests, name, value);
  return true;
}

export function defaultPod(obj: KubeObject): void {
  if (obj.spec === undefined) obj.spec = {};
  const spec = recordAt(obj, 'spec');
  if (!spec) return;
  // Requests from limits are defaulted with the rest of each container (one copy on write).
  defaultPodSpec(spec, true);
  setDefault(spec, 'enableServiceLinks', true);
}
