/** Node taints and pod tolerations. */
import type { FieldError } from '../status';
import { child, duplicate, index, invalidValue, required, unsupported, wrongType } from './errors';
import { labelValueErrors, qualifiedNameErrors } from './meta';
import { isRecord } from './shape';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** Errors of `at.effect`; the field path is only built for an error (every pod's tolerations come here). */
function effectErrors(effect: unknown, at: string, allowEmpty: boolean): FieldError[] {
  if (effect === undefined || effect === '') return allowEmpty ? [] : [required(child(at, 'effect'))];
  return TAINT_EFFECTS.includes(effect as (typeof TAINT_EFFECTS)[number]) ? [] : [unsupported(child(at, 'effect'), effect, TAINT_EFFECTS)];
}

/** Errors of `at.key`, its path built only for an error. */
function keyErrors(key: unknown, at: string): FieldError[] {
  if (typeof key !== 'string') return [wrongType(child(at, 'key'), key, 'a string')];
  const msgs = qualifiedNameErrors(key);
  if (msgs.length === 0) return [];
  const path = child(at, 'key');
  return msgs.map((m) => invalidValue(path, key, m));
}

function goStr(v: unknown): string {
  return JSON.stringify(typeof v === 'string' ? v : '');
}

export function validateTaints(taints: unknown, path: string): FieldError[] {
  if (taints === undefined || taints === null) return [];
  if (!Array.isArray(taints)) return [wrongType(path, taints, 'a list')];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t: unknown, i) => {
    const at = index(path, i);
    if (!isRecord(t)) return void errs.push(wrongType(at, t, 'an object'));
    errs.push(...keyErrors(t.key ?? '', at));
    const value = t.value ?? '';
    if (typeof value !== 'string') errs.push(wrongType(child(at, 'value'), value, 'a string'));
    else if (labelValueErrors(value).length > 0) errs.push(invalidValue(child(at, 'value'), value, labelValueErrors(value).join(';')));
    const effectErrs = effectErrors(t.effect, at, false);
    errs.push(...effectErrs);
    const id = `${String(t.key)}\u0000${String(t.effect)}`;
    if (effectErrs.length === 0 && seen.has(id)) {
      const text = `core.Taint{Key:${goStr(t.key)}, Value:${goStr(t.value)}, Effect:${goStr(t.effect)}, TimeAdded:<nil>}`;
      errs.push(duplicate(at, t, 'taints must be unique by key and effect pair', text));
    }
    seen.add(id);
  });
  return errs;
}

function validateToleration(t: Record<string, unknown>, at: string): FieldError[] {
  const errs: FieldError[] = [];
  const key = t.key ?? '';
  const op = t.operator ?? '';
  const value = t.value ?? '';
  if (key !== '') errs.push(...keyErrors(key, at));
  if (key === '' && op !== 'Exists') {
    errs.push(invalidValue(child(at, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
  }
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
    errs.push(invalidValue(child(at, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  }
  if (op === 'Equal' || op === '') {
    const msgs = typeof value === 'string' ? labelValueErrors(value) : ['must be a string'];
    if (msgs.length > 0) errs.push(invalidValue(child(at, 'operator'), value, msgs.join(';')));
  } else if (op === 'Exists') {
    if (value !== '') {
      const secs = typeof t.tolerationSeconds === 'number' ? `&${t.tolerationSeconds}` : '(*int64)(nil)';
      const text = `core.Toleration{Key:${goStr(key)}, Operator:"Exists", Value:${goStr(value)}, Effect:${goStr(t.effect)}, TolerationSeconds:${secs}}`;
      errs.push(invalidValue(child(at, 'operator'), t, "value must be empty when `operator` is 'Exists'", text));
    }
  } else errs.push(unsupported(child(at, 'operator'), op, ['Equal', 'Exists']));
  errs.push(...effectErrors(t.effect, at, true));
  return errs;
}

/**
 * Frozen tolerations found valid: a frozen object cannot change, so its verdict stands (the
 * DefaultTolerationSeconds pair every pod shares, and every stored object in tests).
 */
const validFrozen = new WeakSet<object>();

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  if (tolerations === undefined || tolerations === null) return [];
  if (!Array.isArray(tolerations)) return [wrongType(path, tolerations, 'a list')];
  const errs: FieldError[] = [];
  tolerations.forEach((t: unknown, i) => {
    if (!isRecord(t)) return void errs.push(wrongType(index(path, i), t, 'an object'));
    const frozen = Object.isFrozen(t);
    if (frozen && validFrozen.has(t)) return;
    const found = validateToleration(t, index(path, i));
    if (found.length > 0) errs.push(...found);
    else if (frozen) validFrozen.add(t);
  });
  return errs;
}
