import type { Container, LabelSelector, Pod, PodAffinityTerm } from '../../api/types';
import { bytes, cpuMillis } from '../../util/quantity';
import { selectorMatches } from '../../util/labels';
import { namespacedKey } from '../../util/keys';

/** cpu in millicores, memory in bytes. */
export interface Resources {
  milliCPU: number;
  memory: number;
}

/** Requests of containers that set none, for scoring only (upstream DefaultMilliCPURequest / DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** A pod (anti-)affinity term with its namespaces resolved, as upstream's framework.AffinityTerm. */
export interface AffinityTerm {
  readonly selector: LabelSelector | undefined;
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelSelector | undefined;
  readonly topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

/**
 * What the scheduler derives once from a pod's spec, so that Filter and Score on
 * thousands of nodes read numbers and arrays instead of re-parsing quantities.
 */
export interface PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly priority: number;
  readonly requests: Resources;
  /** Requests with the 100m / 200Mi defaults for containers that set none (scoring). */
  readonly nonZeroRequests: Resources;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Any pod affinity or anti-affinity, required or preferred (upstream PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly terminating: boolean;
  /** Container images, normalized as ImageLocality looks them up (`:latest` added when untagged). */
  readonly images: readonly string[];
}

export function podKey(pod: Pod): string {
  return namespacedKey(pod.metadata.namespace ?? 'default', pod.metadata.name);
}

export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const req = c.resources?.requests;
  const hasCpu = req?.cpu !== undefined;
  const hasMem = req?.memory !== undefined;
  return {
    milliCPU: hasCpu ? cpuMillis(req.cpu) : nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0,
    memory: hasMem ? bytes(req.memory) : nonZero ? DEFAULT_MEMORY_REQUEST : 0,
  };
}

/**
 * Effective pod request as upstream's ComputePodResourceRequest: app containers and
 * sidecars add up; each regular init container runs alone (beside the sidecars started
 * before it), so the pod needs the max of the two.
 */
export function computePodRequests(pod: Pod, nonZero: boolean): Resources {
  const sum: Resources = { milliCPU: 0, memory: 0 };
  for (const c of pod.spec.containers ?? []) {
    const r = containerRequests(c, nonZero);
    sum.milliCPU += r.milliCPU;
    sum.memory += r.memory;
  }
  const sidecars: Resources = { milliCPU: 0, memory: 0 };
  const initMax: Resources = { milliCPU: 0, memory: 0 };
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    let need: Resources;
    if (c.restartPolicy === 'Always') {
      sum.milliCPU += r.milliCPU;
      sum.memory += r.memory;
      sidecars.milliCPU += r.milliCPU;
      sidecars.memory += r.memory;
      need = sidecars;
    } else {
      need = { milliCPU: r.milliCPU + sidecars.milliCPU, memory: r.memory + sidecars.memory };
    }
    initMax.milliCPU = Math.max(initMax.milliCPU, need.milliCPU);
    initMax.memory = Math.max(initMax.memory, need.memory);
  }
  return { milliCPU: Math.max(sum.milliCPU, initMax.milliCPU), memory: Math.max(sum.memory, initMax.memory) };
}

/**
 * The last app-container list summed without init containers, and its sums: pods of one
 * ReplicaSet share their template's (immutable) list, and so the two Resources objects
 * (never changed: PodInfo's numbers are read-only).
 */
let lastContainers: readonly Container[] | undefined;
let lastRequests: { requests: Resources; nonZero: Resources } | undefined;

/** Both request flavours; the common case (no init containers) in one pass without temporaries. */
function requestsOf(pod: Pod): { requests: Resources; nonZero: Resources } {
  if ((pod.spec.initContainers ?? []).length > 0) return { requests: computePodRequests(pod, false), nonZero: computePodRequests(pod, true) };
  const containers = pod.spec.containers;
  if (containers !== undefined && containers === lastContainers && lastRequests) return lastRequests;
  const sums = requestsOfContainers(containers ?? []);
  lastContainers = containers;
  lastRequests = sums;
  return sums;
}

function requestsOfContainers(containers: readonly Container[]): { requests: Resources; nonZero: Resources } {
  const requests: Resources = { milliCPU: 0, memory: 0 };
  const nonZero: Resources = { milliCPU: 0, memory: 0 };
  for (const c of containers) {
    const req = c.resources?.requests;
    const cpu = req?.cpu !== undefined ? cpuMillis(req.cpu) : undefined;
    const mem = req?.memory !== undefined ? bytes(req.memory) : undefined;
    requests.milliCPU += cpu ?? 0;
    requests.memory += mem ?? 0;
    nonZero.milliCPU += cpu ?? DEFAULT_MILLI_CPU_REQUEST;
    nonZero.memory += mem ?? DEFAULT_MEMORY_REQUEST;
  }
  return { requests, nonZero };
}

const NONE: readonly never[] = Object.freeze([]);

function hostPortsOf(pod: Pod): readonly HostPort[] {
  if (!pod.spec.hostNetwork && !pod.spec.containers.some((c) => c.ports?.some((p) => p.hostPort))) {
    if (!(pod.spec.initContainers ?? []).some((c) => c.ports?.some((p) => p.hostPort))) return NONE;
  }
  const out: HostPort[] = [];
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  for (const c of all) {
    for (const p of c.ports ?? []) {
      // With hostNetwork every containerPort is a host port (the API server defaults hostPort to it).
      const port = p.hostPort ?? (pod.spec.hostNetwork ? p.containerPort : 0);
      if (port > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port });
    }
  }
  return out;
}

/** ImageLocality's normalizedImageName: an untagged reference means `:latest`. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function affinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const ns = pod.metadata.namespace ?? 'default';
  const namespaces = (t.namespaces ?? []).length === 0 && !t.namespaceSelector ? new Set([ns]) : new Set(t.namespaces ?? []);
  return { selector: t.labelSelector, namespaces, namespaceSelector: t.namespaceSelector, topologyKey: t.topologyKey };
}

/** upstream AffinityTerm.Matches: the pod's namespace is listed or selected, and its labels match. */
export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: (ns: string) => Readonly<Record<string, string>> | undefined): boolean {
  const nsOk = term.namespaces.has(pod.namespace) || (term.namespaceSelector !== undefined && selectorMatches(term.namespaceSelector, nsLabels(pod.namespace)));
  return nsOk && selectorMatches(term.selector, pod.labels);
}

const NONE_IMAGES: readonly string[] = [];

/** The last single-container image list built: pods of one template share it (it is never changed). */
let lastImage: string | undefined;
let lastImages: readonly string[] = NONE_IMAGES;

/** The normalized images of the init, then app, containers (arrays sized exactly; PodInfos are kept per pod). */
function imagesOf(spec: Pod['spec']): readonly string[] {
  const inits = spec.initContainers ?? [];
  const apps = spec.containers ?? [];
  if (inits.length === 0 && apps.length === 1) {
    const image = apps[0]!.image ?? '';
    if (image !== lastImage) {
      lastImages = [normalizedImageName(image)];
      lastImage = image;
    }
    return lastImages;
  }
  const names = (c: { image?: string }): string => normalizedImageName(c.image ?? '');
  return inits.length === 0 ? apps.map(names) : inits.map(names).concat(apps.map(names));
}

export function newPodInfo(pod: Pod): PodInfo {
  const a = pod.spec.affinity;
  const pa = a?.podAffinity;
  const anti = a?.podAntiAffinity;
  const required = pa?.requiredDuringSchedulingIgnoredDuringExecution?.map((t) => affinityTerm(pod, t)) ?? NONE;
  const requiredAnti = anti?.requiredDuringSchedulingIgnoredDuringExecution?.map((t) => affinityTerm(pod, t)) ?? NONE;
  const preferred = pa?.preferredDuringSchedulingIgnoredDuringExecution?.map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight })) ?? NONE;
  const preferredAnti = anti?.preferredDuringSchedulingIgnoredDuringExecution?.map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight })) ?? NONE;
  const images = imagesOf(pod.spec);
  const { requests, nonZero } = requestsOf(pod);
  return {
    pod,
    key: podKey(pod),
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    uid: pod.metadata.uid ?? '',
    labels: pod.metadata.labels ?? {},
    priority: podPriority(pod),
    requests,
    nonZeroRequests: nonZero,
    hostPorts: hostPortsOf(pod),
    requiredAffinityTerms: required,
    requiredAntiAffinityTerms: requiredAnti,
    preferredAffinityTerms: preferred,
    preferredAntiAffinityTerms: preferredAnti,
    hasAffinity: a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    images,
  };
}
