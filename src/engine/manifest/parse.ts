import { LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import type { KubeObject } from '../api/types';
import { kubernetesTags } from './yaml-schema';
import { documentPosition, positionFinder, type SourcePos } from './positions';
import { checkObject, type Checked } from './check';
import type { ResourceInfo } from '../api/resources';

/**
 * Multi-document YAML → Kubernetes objects, the way `kubectl apply -f` reads a file:
 * empty documents skipped, `kind: List` expanded, errors worded as kubectl words them and
 * located (source, document, line, column). All or nothing: one bad document fails the
 * whole file, so nothing is applied.
 */

export interface ManifestLimits {
  /** Characters of input. */
  readonly maxChars: number;
  readonly maxDocuments: number;
  /** Alias expansions per document (alias bombs). */
  readonly maxAliasCount: number;
}

export const DEFAULT_LIMITS: ManifestLimits = { maxChars: 1024 * 1024, maxDocuments: 1000, maxAliasCount: 100 };

export interface ManifestObject {
  readonly object: KubeObject;
  readonly resource: ResourceInfo;
  /** 0-based index of the YAML document in the file (empty documents count). */
  readonly docIndex: number;
  /** Where the object starts (1-based line and column). */
  readonly pos: SourcePos;
  /** Location of a field path such as `spec.template.spec.containers[0].image`, for error marking. */
  positionOf(path: string): SourcePos | undefined;
}

export interface ManifestError {
  readonly source: string;
  readonly docIndex?: number;
  readonly line?: number;
  readonly column?: number;
  /** What kubectl prints, `error: …` included; may span lines. */
  readonly message: string;
}

export type ManifestParse = { ok: true; objects: ManifestObject[] } | { ok: false; error: ManifestError };

/** go-yaml's phrasing for the errors people hit most; eemeli/yaml's own text otherwise. */
const GO_YAML_WORDING: Record<string, string> = {
  MISSING_CHAR: 'found unexpected end of stream',
  TAB_AS_INDENT: 'found character that cannot start any token',
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: 'mapping values are not allowed in this context',
};

function yamlError(source: string, docIndex: number, text: string, e: YAMLError): ManifestError {
  const at = e.linePos?.[0];
  let detail = GO_YAML_WORDING[e.code] ?? e.message.split(' at line ')[0]!.replace(/:\s*$/, '');
  if (e.code === 'DUPLICATE_KEY') detail = `key ${JSON.stringify(keyAt(text, e.pos[0]))} already set in map`;
  if (e.code === 'TAG_RESOLVE_FAILED') detail = `unknown tag ${text.slice(e.pos[0], e.pos[1]).trim()}`;
  const where = at ? `line ${at.line}, column ${at.col}: ` : '';
  return {
    source,
    docIndex,
    ...(at ? { line: at.line, column: at.col } : {}),
    message: `error: error parsing ${source}: error converting YAML to JSON: yaml: ${where}${detail}`,
  };
}

/** The mapping key written at `offset` (up to its colon), unquoted. */
function keyAt(text: string, offset: number): string {
  const raw = /^[^:\n]*/.exec(text.slice(offset, offset + 256))![0].trim();
  return /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
}

function toValue(doc: Document, limits: ManifestLimits): { value: unknown } | { error: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: limits.maxAliasCount }) };
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) return { error: 'document contains excessive aliasing' };
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function parseManifests(text: string, source: string, limits: ManifestLimits = DEFAULT_LIMITS): ManifestParse {
  if (text.length > limits.maxChars) {
    return { ok: false, error: { source, message: `error: error parsing ${source}: the file is ${text.length} characters long; the limit is ${limits.maxChars}` } };
  }
  const lc = new LineCounter();
  let docs: Document[];
  try {
    docs = [...parseAllDocuments(text, { lineCounter: lc, schema: 'core', customTags: kubernetesTags, uniqueKeys: true, merge: true, prettyErrors: true })];
  } catch (e) {
    return { ok: false, error: { source, message: `error: error parsing ${source}: ${e instanceof Error ? e.message : String(e)}` } };
  }
  if (docs.length > limits.maxDocuments) {
    return { ok: false, error: { source, message: `error: error parsing ${source}: ${docs.length} YAML documents; the limit is ${limits.maxDocuments}` } };
  }
  const objects: ManifestObject[] = [];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const fatal = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (fatal) return { ok: false, error: yamlError(source, i, text, fatal) };
    const pos = documentPosition(doc, lc);
    const v = toValue(doc, limits);
    if ('error' in v) {
      return { ok: false, error: { source, docIndex: i, line: pos.line, column: pos.column, message: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${pos.line}, column ${pos.column}: ${v.error}` } };
    }
    if (v.value === null || v.value === undefined) continue;
    const checked = checkObject(v.value, source);
    if (!checked.ok) return { ok: false, error: { source, docIndex: i, line: pos.line, column: pos.column, message: checked.message } };
    const find = positionFinder(doc, lc);
    for (const c of checked.items) objects.push(manifestObject(c, i, pos, find));
  }
  return { ok: true, objects };
}

function manifestObject(c: Checked, docIndex: number, docPos: SourcePos, find: (path: (string | number)[]) => SourcePos | undefined): ManifestObject {
  const prefix = c.listIndex === undefined ? [] : ['items', c.listIndex];
  return {
    object: c.object,
    resource: c.resource,
    docIndex,
    pos: find(prefix) ?? docPos,
    positionOf: (path) => find([...prefix, ...splitPath(path)]),
  };
}

/**
 * A Kubernetes field path → its steps: `spec.containers[0].image` → ['spec', 'containers', 0,
 * 'image']; map keys in brackets stay whole even with dots in them, as the API server writes
 * them: `resources.limits[nvidia.com/gpu]` → ['resources', 'limits', 'nvidia.com/gpu'].
 */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let word = '';
  const flush = (): void => {
    if (word) out.push(word);
    word = '';
  };
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    const close = ch === '[' ? path.indexOf(']', i + 1) : -1;
    if (ch === '.') flush();
    else if (close > i) {
      flush();
      const inner = path.slice(i + 1, close);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close;
    } else word += ch;
  }
  flush();
  return out;
}
