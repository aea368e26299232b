import type { Condition } from '../../api/types';
import { rfc3339 } from '../../sim/time';

/** The namespace deletion condition types, in the order upstream writes them. */
const TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK: Record<(typeof TYPES)[number], [reason: string, message: string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

export interface ContentTotals {
  /** `pods.` / `deployments.apps` → instances still present. */
  remaining: Map<string, number>;
  /** finalizer → instances carrying it. */
  finalizers: Map<string, number>;
  /** Delete errors, already formatted. */
  errors: string[];
}

/** namespaceConditionUpdater: the five deletion conditions, True only for what is wrong. */
export function namespaceConditions(current: readonly Condition[] | undefined, totals: ContentTotals, nowMs: number): Condition[] {
  const bad = new Map<string, [string, string]>();
  const remaining = [...totals.remaining].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
  if (remaining.length) bad.set('NamespaceContentRemaining', ['SomeResourcesRemain', `Some resources are remaining: ${remaining.join(', ')}`]);
  const finalizers = [...totals.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (finalizers.length) bad.set('NamespaceFinalizersRemaining', ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}`]);
  if (totals.errors.length) {
    const errs = [...totals.errors].sort();
    bad.set('NamespaceDeletionContentFailure', ['ContentDeletionFailed', `Failed to delete all resource types, ${errs.length} remaining: ${errs.join(', ')}`]);
  }
  const now = rfc3339(nowMs);
  const out: Condition[] = [...(current ?? [])].map((c) => ({ ...c }));
  for (const type of TYPES) {
    const [reason, message] = bad.get(type) ?? OK[type];
    const status = bad.has(type) ? 'True' : 'False';
    const old = out.find((c) => c.type === type);
    if (!old) out.push({ type, status, lastTransitionTime: now, reason, message });
    else if (old.status !== status || old.reason !== reason || old.message !== message) {
      if (old.status !== status) old.lastTransitionTime = now;
      Object.assign(old, { status, reason, message });
    }
  }
  return out;
}
