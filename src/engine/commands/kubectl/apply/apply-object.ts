import type { ResourceInfo } from '../../../api/resources';
import type { Status } from '../../../api/status';
import type { KubeObject } from '../../../api/types';
import { deepClone, stableStringify } from '../../../util/clone';
import type { Invocation } from '../../invocation';
import { statusLines } from '../errors';
import { gvrText, kindName } from '../names';
import { mergePatchBetween, threeWayMerge } from './three-way';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type ApplyResult =
  | { ok: true; line: string; warning?: string }
  | { ok: false; lines: string[]; status?: Status };

/**
 * The manifest as kubectl sends it: namespace filled in and the last-applied annotation set
 * to the manifest itself (sorted-key JSON, as Go marshals it, with `annotations: {}` kept).
 */
export function withLastApplied(obj: KubeObject, namespace: string | undefined): KubeObject {
  const m = deepClone(obj);
  m.metadata = { ...m.metadata, ...(namespace ? { namespace } : {}) };
  const annotations = { ...(m.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  m.metadata.annotations = annotations;
  const applied = `${stableStringify(m)}\n`;
  m.metadata.annotations = { ...annotations, [LAST_APPLIED]: applied };
  return m;
}

function parseLastApplied(live: KubeObject): unknown {
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `kubectl apply` for one object: create it if absent, else send the three-way patch, or
 * nothing at all when the patch is empty (`unchanged`).
 */
export function applyObject(inv: Invocation, r: ResourceInfo, obj: KubeObject, namespace: string | undefined, source: string): ApplyResult {
  const { api } = inv.host;
  const name = obj.metadata.name ?? '';
  if (name === '') {
    return {
      ok: false,
      lines: ['error: error when retrieving current configuration of:', gvrText(r), `Name: "", Namespace: "${namespace ?? ''}"`, `from server for: "${source}": resource name may not be empty`],
    };
  }
  const modified = withLastApplied(obj, namespace);
  const current = api.get(inv.req, r.resource, namespace, name);
  if (!current.ok) {
    if (current.status.code !== 404) {
      return { ok: false, lines: statusLines(current.status, { verb: 'retrieving current configuration of', file: source }), status: current.status };
    }
    const created = api.create(inv.req, r.resource, namespace, modified);
    if (!created.ok) return { ok: false, lines: statusLines(created.status, { verb: 'creating', file: source }), status: created.status };
    return { ok: true, line: `${kindName(r, name)} created` };
  }
  const live = current.value;
  const original = parseLastApplied(live);
  const warning = original === undefined
    ? `Warning: resource ${r.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`
    : undefined;
  const desired = threeWayMerge(original, modified, live);
  const patch = mergePatchBetween(live, desired);
  if (Object.keys(patch).length === 0) return { ok: true, line: `${kindName(r, name)} unchanged`, ...(warning ? { warning } : {}) };
  const patched = api.patch(inv.req, r.resource, namespace, name, patch);
  if (!patched.ok) return { ok: false, lines: statusLines(patched.status, { verb: 'patching', file: source }), status: patched.status };
  return { ok: true, line: `${kindName(r, name)} configured`, ...(warning ? { warning } : {}) };
}
