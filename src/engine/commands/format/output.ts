import { stringify } from 'yaml';
import type { KubeObject } from '../../api/types';

/**
 * kubectl's -o yaml / -o json: keys sorted (kubectl marshals unstructured maps), YAML in
 * go-yaml's style (sequences not indented under their key, YAML 1.1 look-alikes quoted, no
 * line folding), JSON indented by four spaces with Go's HTML escaping.
 */
export function toYaml(value: unknown): string {
  const text = stringify(value, { indentSeq: false, lineWidth: 0, version: '1.1', sortMapEntries: true });
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeys(v);
  }
  return out;
}

export function toJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The `kind: List` wrapper kubectl prints around several objects. */
export function asList(items: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
