/** SetDefaults for core/v1 kinds other than Pod: Service, Namespace, Node, Secret, PVC. */
import type { KubeObject } from '../types';
import { arrayAt, ensureRecord, isRecord, recordAt, setDefault } from '../validation/shape';

const EXTERNALLY_ACCESSIBLE = new Set(['NodePort', 'LoadBalancer']);

export function defaultService(obj: KubeObject): void {
  if (obj.spec === undefined) obj.spec = {};
  const spec = recordAt(obj, 'spec');
  if (!spec) return;
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = ensureRecord(ensureRecord(spec, 'sessionAffinityConfig') ?? {}, 'clientIP');
    if (clientIP) setDefault(clientIP, 'timeoutSeconds', 10800);
  }
  setDefault(spec, 'type', 'ClusterIP');
  for (const p of arrayAt(spec, 'ports') ?? []) {
    if (!isRecord(p)) continue;
    setDefault(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const externalIPs = arrayAt(spec, 'externalIPs') ?? [];
  if (EXTERNALLY_ACCESSIBLE.has(spec.type as string) || (spec.type === 'ClusterIP' && externalIPs.length > 0)) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'ClusterIP' || EXTERNALLY_ACCESSIBLE.has(spec.type as string)) setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
}

/** Every namespace carries its own name as a label (since v1.21), so selectors can pick it. */
export function defaultNamespace(obj: KubeObject): void {
  const labels = isRecord(obj.metadata.labels) ? obj.metadata.labels : {};
  obj.metadata.labels = { ...labels, 'kubernetes.io/metadata.name': obj.metadata.name };
}

/** A node that reports capacity but no allocatable can allocate all of it. */
export function defaultNode(obj: KubeObject): void {
  const status = recordAt(obj, 'status');
  const capacity = recordAt(status, 'capacity');
  if (status && capacity && status.allocatable == null) status.allocatable = { ...capacity };
}

export function defaultSecret(obj: KubeObject): void {
  if (obj.type === undefined || obj.type === '') obj.type = 'Opaque';
}

export function defaultPersistentVolumeClaim(obj: KubeObject): void {
  const spec = recordAt(obj, 'spec');
  if (spec) setDefault(spec, 'volumeMode', 'Filesystem');
}
