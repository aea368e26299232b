/** Builders for field errors worded as k8s.io/apimachinery's field package words them. */
import type { FieldError } from '../status';

export function required(field: string, detail?: string): FieldError {
  return detail ? { field, type: 'Required', detail } : { field, type: 'Required' };
}

export function invalidValue(field: string, value: unknown, detail: string, valueText?: string): FieldError {
  return valueText === undefined ? { field, type: 'Invalid', value, detail } : { field, type: 'Invalid', value, valueText, detail };
}

/** `Unsupported value: "Foo": supported values: "A", "B"` */
export function unsupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  return { field, type: 'Unsupported', value, detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` };
}

export function duplicate(field: string, value: unknown, detail?: string, valueText?: string): FieldError {
  return { field, type: 'Duplicate', value, ...(valueText !== undefined ? { valueText } : {}), ...(detail ? { detail } : {}) };
}

export function forbiddenField(field: string, detail: string): FieldError {
  return { field, type: 'Forbidden', detail };
}

export function tooLong(field: string, detail: string): FieldError {
  return { field, type: 'TooLong', detail };
}

/** Wrong JSON type where the schema wants another (what decoding would reject). */
export function wrongType(field: string, value: unknown, want: string): FieldError {
  return invalidValue(field, value, `must be ${want}`);
}

export const NON_NEGATIVE = 'must be greater than or equal to 0';
export const PORT_RANGE = 'must be between 1 and 65535, inclusive';

/** `spec.replicas: Invalid value: -1: must be greater than or equal to 0` for integers that may not be negative. */
export function nonNegativeInt(field: string, v: unknown): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'number' || !Number.isInteger(v)) return [wrongType(field, v, 'an integer')];
  return v < 0 ? [invalidValue(field, v, NON_NEGATIVE)] : [];
}

export function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
