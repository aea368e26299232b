import type { Taint } from '../../api/types';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
type Effect = (typeof EFFECTS)[number];

export interface TaintSpec {
  readonly add: Taint[];
  /** Removals: `key-` (any effect, effect undefined) or `key:Effect-`. */
  readonly remove: { key: string; effect?: Effect }[];
}

const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function isEffect(text: string | undefined): text is Effect {
  return (EFFECTS as readonly (string | undefined)[]).includes(text);
}

function badEffect(text: string): { error: string } {
  return { error: `invalid taint effect: ${text}, unsupported taint effect` };
}

/** Parses one `key=value:Effect`, `key:Effect`, `key-` or `key:Effect-` (kubectl's ParseTaints). */
export function parseTaint(spec: string): { taint: Taint } | { remove: { key: string; effect?: Effect } } | { error: string } {
  if (spec.endsWith('-')) {
    const [key, effect, extra] = spec.slice(0, -1).split(':');
    if (!key || !QUALIFIED_NAME.test(key) || extra !== undefined) return { error: `invalid taint spec: ${spec}` };
    if (effect === undefined) return { remove: { key } };
    return isEffect(effect) ? { remove: { key, effect } } : badEffect(effect);
  }
  const parts = spec.split(':');
  const effect = parts[1];
  if (parts.length !== 2 || !effect) return { error: `invalid taint spec: ${spec}` };
  if (!isEffect(effect)) return badEffect(effect);
  const [key, ...valueParts] = parts[0]!.split('=');
  const value = valueParts.join('=');
  if (!key || !QUALIFIED_NAME.test(key) || valueParts.length > 1 || !LABEL_VALUE.test(value)) return { error: `invalid taint spec: ${spec}` };
  const taint: Taint = { key, effect };
  if (value !== '') taint.value = value;
  return { taint };
}

export function parseTaintSpecs(specs: readonly string[]): TaintSpec | { error: string } {
  const add: Taint[] = [];
  const remove: TaintSpec['remove'] = [];
  for (const s of specs) {
    const r = parseTaint(s);
    if ('error' in r) return r;
    if ('taint' in r) add.push(r.taint);
    else remove.push(r.remove);
  }
  return { add, remove };
}

/** Taint.ToString: `key=value:Effect` or `key:Effect`. */
export function taintString(t: { key: string; value?: string; effect?: string }): string {
  const kv = t.value ? `${t.key}=${t.value}` : t.key;
  return t.effect ? `${kv}:${t.effect}` : kv;
}
