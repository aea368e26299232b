import { stringify } from 'yaml';
import { RESOURCES, type ResourceInfo } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/api/types';
import { LAST_APPLIED } from '../../engine/commands/kubectl/apply/apply-object';
import { INSTALL_ORDER } from '../../engine/helm/install-order';
import { parseTimestamp } from '../../engine/sim/time';
import { deepClone } from '../../engine/util/clone';
import { compareStrings } from '../../engine/util/strings';

/**
 * "Export manifests": the user's live objects as one multi-document YAML that applies to a
 * real cluster unchanged. User objects are the ones the cluster did not make itself: not
 * created during bootstrap, not owned by another object (ReplicaSets, Pods, Endpoints…),
 * not in the system namespaces, not Helm's (unless asked). Server-set fields are removed;
 * defaulted fields stay (they are valid input).
 */

export interface ExportSource {
  objects<T extends KubeObject>(resource: string): T[];
  /** Engine time at which bootstrap ended: anything older is the cluster's own. */
  readonly startMs: number;
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
/** Kinds only controllers and kubelets write. */
const GENERATED_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice', 'Lease', 'ControllerRevision', 'Node']);
const HELM_MANAGED = 'app.kubernetes.io/managed-by';
const SERVER_ANNOTATION_PREFIXES = ['deployment.kubernetes.io/', 'pv.kubernetes.io/', 'volume.kubernetes.io/', 'volume.beta.kubernetes.io/'];
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'ownerReferences'];
const JOB_GENERATED_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

function isAutoCreated(o: KubeObject): boolean {
  const name = o.metadata.name;
  if (o.kind === 'ServiceAccount' && name === 'default') return true;
  if (o.kind === 'ConfigMap' && name === 'kube-root-ca.crt') return true;
  if (o.kind === 'Secret' && (o.type === 'helm.sh/release.v1' || o.type === 'kubernetes.io/service-account-token')) return true;
  if (o.kind === 'PersistentVolume' && o.metadata.annotations?.['pv.kubernetes.io/provisioned-by']) return true;
  return false;
}

export function isUserObject(o: KubeObject, startMs: number, includeHelm: boolean): boolean {
  if (GENERATED_KINDS.has(o.kind)) return false;
  if ((o.metadata.ownerReferences ?? []).length > 0) return false;
  const ns = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace;
  if (ns !== undefined && SYSTEM_NAMESPACES.has(ns)) return false;
  const created = parseTimestamp(o.metadata.creationTimestamp);
  if (created === undefined || created < startMs) return false;
  if (isAutoCreated(o)) return false;
  if (!includeHelm && o.metadata.labels?.[HELM_MANAGED] === 'Helm') return false;
  return true;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A copy without status and the metadata the API server sets (uid, resourceVersion, timestamps, last-applied…). */
export function stripServerFields(input: KubeObject): KubeObject {
  const o = deepClone(input);
  delete o.status;
  const m = o.metadata;
  for (const k of SERVER_METADATA) Reflect.deleteProperty(m, k);
  if (m.finalizers) {
    m.finalizers = m.finalizers.filter((f) => !f.startsWith('kubernetes.io/'));
    if (m.finalizers.length === 0) delete m.finalizers;
  }
  if (m.annotations) {
    const kept = Object.entries(m.annotations).filter(([k]) => k !== LAST_APPLIED && !SERVER_ANNOTATION_PREFIXES.some((p) => k.startsWith(p)));
    if (kept.length > 0) m.annotations = Object.fromEntries(kept);
    else delete m.annotations;
  }
  return o;
}

/** Removes what the API server, the scheduler and controllers set, keeping what the user wrote and the defaults. */
export function cleanForExport(input: KubeObject): KubeObject {
  const o = stripServerFields(input);
  const spec = record(o.spec);
  if (spec) cleanSpec(o.kind, spec);
  return o;
}

function cleanSpec(kind: string, spec: Record<string, unknown>): void {
  switch (kind) {
    case 'Service':
      // Allocated from this cluster's service range; a headless Service's `None` is the user's.
      if (spec.clusterIP !== 'None') {
        delete spec.clusterIP;
        delete spec.clusterIPs;
      }
      return;
    case 'Pod':
      delete spec.nodeName; // the scheduler's binding, meaningless on another cluster
      delete spec.priority; // computed by the Priority admission plugin from priorityClassName
      return;
    case 'PersistentVolumeClaim':
      delete spec.volumeName;
      return;
    case 'Job': {
      // The selector and its label carry this cluster's Job uid; the API server generates them again.
      delete spec.selector;
      const labels = record(record(record(spec.template)?.metadata)?.labels);
      if (labels) for (const l of JOB_GENERATED_LABELS) delete labels[l];
      return;
    }
    default:
  }
}

function rank(r: ResourceInfo): number {
  const i = INSTALL_ORDER.indexOf(r.kind);
  return i < 0 ? INSTALL_ORDER.length : i;
}

/** Kinds in Helm's install order (Namespaces before what lives in them), then alphabetically. */
const EXPORT_ORDER: readonly ResourceInfo[] = [...RESOURCES].sort((a, b) => rank(a) - rank(b) || compareStrings(a.kind, b.kind));

export function exportManifests(src: ExportSource, includeHelm: boolean): { yaml: string; count: number } {
  const docs: string[] = [];
  for (const r of EXPORT_ORDER) {
    if (GENERATED_KINDS.has(r.kind)) continue;
    const objects = src
      .objects(r.resource)
      .filter((o) => isUserObject(o, src.startMs, includeHelm))
      .sort((a, b) => compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name, b.metadata.name));
    for (const o of objects) docs.push(stringify(cleanForExport(o), { lineWidth: 0 }));
  }
  const header = `# ${docs.length} object${docs.length === 1 ? '' : 's'} exported from kube-sandbox.\n# Apply to a cluster with: kubectl apply -f <this file>\n`;
  return { yaml: docs.length === 0 ? `${header}# (no user objects yet)\n` : `${header}---\n${docs.join('---\n')}`, count: docs.length };
}
