/** ServiceAccount and DefaultTolerationSeconds: the small mutating plugins that touch every pod. */
import type { AdmissionPlugin } from '../hooks';
import type { Toleration } from '../types';
import { arrayAt, isRecord, recordAt } from '../validation/shape';
import { isMainResource } from './lookup';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** Pods without a service account run as `default` (token projection is not simulated). */
export function serviceAccount(): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    admit(a) {
      if (a.operation !== 'CREATE' || !isMainResource(a, 'Pod')) return undefined;
      if (a.object!.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return undefined;
      const spec = recordAt(a.object, 'spec');
      if (spec && (spec.serviceAccountName === undefined || spec.serviceAccountName === '')) spec.serviceAccountName = 'default';
      return undefined;
    },
  };
}

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;
/**
 * The tolerations this plugin adds are the same for every pod: one shared pair, frozen (stored
 * objects are immutable; frozen, validation knows them valid once checked), instead of two
 * new objects per pod.
 */
const DEFAULT_TOLERATIONS: readonly Toleration[] = Object.freeze(
  [NOT_READY_TAINT, UNREACHABLE_TAINT].map((key) => Object.freeze({ key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: DEFAULT_TOLERATION_SECONDS })),
);

function tolerates(tolerations: readonly unknown[], key: string): boolean {
  return tolerations.some((t) => {
    if (!isRecord(t)) return false;
    const k = t.key ?? '';
    const effect = t.effect ?? '';
    return (k === key || k === '') && (effect === 'NoExecute' || effect === '');
  });
}

/** Pods tolerate not-ready and unreachable nodes for 300 s unless they say otherwise. */
export function defaultTolerationSeconds(): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    admit(a) {
      if (a.operation === 'DELETE' || !isMainResource(a, 'Pod')) return undefined;
      const spec = recordAt(a.object, 'spec');
      if (!spec) return undefined;
      const existing = arrayAt(spec, 'tolerations');
      if (existing === undefined || existing.length === 0) {
        // The usual pod: it gets the pair itself (shared and immutable like the objects themselves).
        if (spec.tolerations === undefined || spec.tolerations === null || existing !== undefined) spec.tolerations = DEFAULT_TOLERATIONS;
        return undefined;
      }
      const added: Toleration[] = [];
      for (const t of DEFAULT_TOLERATIONS) {
        if (!tolerates(existing, t.key ?? '')) added.push(t);
      }
      // concat sizes the array exactly; a spread grows it by pushes to 17 slots, kept with every pod.
      if (added.length > 0) spec.tolerations = existing.concat(added);
      return undefined;
    },
  };
}

/** TaintNodesByCondition: a new node starts tainted not-ready; the node lifecycle controller lifts it once Ready. */
export function taintNodesByCondition(): AdmissionPlugin {
  return {
    name: 'TaintNodesByCondition',
    admit(a) {
      if (a.operation !== 'CREATE' || !isMainResource(a, 'Node')) return undefined;
      const node = a.object!;
      if (node.spec === undefined || node.spec === null) node.spec = {};
      const spec = recordAt(node, 'spec');
      if (!spec) return undefined;
      const taints = arrayAt(spec, 'taints') ?? [];
      const present = taints.some((t) => isRecord(t) && t.key === NOT_READY_TAINT && t.effect === 'NoSchedule');
      if (!present && (spec.taints === undefined || spec.taints === null || Array.isArray(spec.taints))) {
        spec.taints = [...taints, { key: NOT_READY_TAINT, effect: 'NoSchedule' }];
      }
      return undefined;
    },
  };
}
