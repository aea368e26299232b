import { parseAllDocuments, parseDocument, YAMLParseError } from 'yaml';
import { toGoValue, type GoValue } from '../template/value';

/**
 * YAML input as Helm reads it (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalars
 * (`yes`/`on` are booleans, `0755` is octal), merge keys, every number a float64.
 * Bounded: size cap, alias expansion cap, nesting cap; errors carry the line.
 */

export interface YamlLimits {
  readonly maxBytes: number;
  readonly maxAliasCount: number;
  readonly maxDepth: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 1024 * 1024, maxAliasCount: 100, maxDepth: 100 };

export type YamlResult = { ok: true; value: GoValue } | { ok: false; error: string; line?: number; col?: number };

const OPTIONS = { version: '1.1' as const, merge: true, uniqueKeys: true, prettyErrors: true, strict: false };

function describe(e: unknown): { error: string; line?: number; col?: number } {
  if (e instanceof YAMLParseError) {
    const pos = e.linePos?.[0];
    const first = e.message.split('\n')[0] ?? e.message;
    const msg = first.replace(/ at line \d+, column \d+:?$/, '');
    return pos ? { error: `yaml: line ${pos.line}: ${msg}`, line: pos.line, col: pos.col } : { error: `yaml: ${msg}` };
  }
  if (e instanceof RangeError) return { error: 'yaml: document nested too deeply' };
  return { error: `yaml: ${e instanceof Error ? e.message : String(e)}` };
}

/** Parses one YAML document into template values. `intsAsInt` keeps integers as ints (for manifests). */
export function parseYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS, intsAsInt = false): YamlResult {
  if (text.length > limits.maxBytes) return { ok: false, error: `yaml: input is ${text.length} bytes, more than the ${limits.maxBytes} allowed` };
  try {
    const doc = parseDocument(text, OPTIONS);
    const err = doc.errors[0];
    if (err) return { ok: false, ...describe(err) };
    const js: unknown = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    return { ok: true, value: toGoValue(js, { intsAsInt, maxDepth: limits.maxDepth }) };
  } catch (e) {
    return { ok: false, ...describe(e) };
  }
}

/** Parses a multi-document stream (used by `fromYamlArray`-style callers and tests). */
export function parseYamlDocuments(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): YamlResult[] {
  if (text.length > limits.maxBytes) return [{ ok: false, error: `yaml: input is ${text.length} bytes, more than the ${limits.maxBytes} allowed` }];
  try {
    return parseAllDocuments(text, OPTIONS).map((doc) => {
      const err = doc.errors[0];
      if (err) return { ok: false, ...describe(err) };
      return { ok: true, value: toGoValue(doc.toJS({ maxAliasCount: limits.maxAliasCount }), { maxDepth: limits.maxDepth }) };
    });
  } catch (e) {
    return [{ ok: false, ...describe(e) }];
  }
}
