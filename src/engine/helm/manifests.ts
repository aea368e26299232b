import { sortByKind, INSTALL_ORDER } from './install-order';
import { isMap, mapGet, type GoMap, type GoValue } from './template/value';
import { parseYaml } from './yaml/parse';

/**
 * Rendered files → Kubernetes documents, as pkg/releaseutil/manifest_sorter.go does it:
 * split on `---`, drop empty documents, set hooks (annotation `helm.sh/hook`) apart,
 * order the rest by kind (stable within a kind, files in path order).
 */

export interface ManifestHead {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface Manifest {
  /** Template path the document came from (`webapp/templates/deployment.yaml`). */
  readonly name: string;
  /** The document's YAML text, trimmed. */
  readonly content: string;
  readonly head: ManifestHead;
  /** The document parsed (integers stay ints), ready to send to the API server. */
  readonly object: GoMap;
}

export const HOOK_EVENTS = ['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export interface HelmHook {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly manifest: string;
  readonly object: GoMap;
  readonly events: readonly HookEvent[];
  readonly weight: number;
  readonly deletePolicies: readonly string[];
}

export type SortResult = { ok: true; manifests: Manifest[]; hooks: HelmHook[] } | { ok: false; error: string };

const SEPARATOR = /(?:^|\s*\n)---\s*/;

/** releaseutil.SplitManifests: documents in file order, trimmed, empty ones dropped. */
export function splitManifests(text: string): string[] {
  return text
    .trim()
    .split(SEPARATOR)
    .filter((d) => d !== '')
    .map((d) => d.trim());
}

function str(v: GoValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function head(obj: GoMap): ManifestHead {
  const meta = mapGet(obj, 'metadata');
  const m = isMap(meta) ? meta : {};
  const ann = mapGet(m, 'annotations');
  const annotations: Record<string, string> = {};
  if (isMap(ann)) for (const k of Object.keys(ann)) annotations[k] = str(ann[k]);
  const namespace = str(mapGet(m, 'namespace'));
  return { apiVersion: str(mapGet(obj, 'apiVersion')), kind: str(mapGet(obj, 'kind')), name: str(mapGet(m, 'name')), ...(namespace ? { namespace } : {}), annotations };
}

function hookEvents(value: string): HookEvent[] | undefined {
  const out: HookEvent[] = [];
  for (const raw of value.split(',')) {
    const e = raw.trim().toLowerCase();
    const ev = e === 'test-success' ? 'test' : HOOK_EVENTS.find((h) => h === e);
    if (!ev) return undefined; // Helm skips a document with an unknown hook type
    out.push(ev);
  }
  return out;
}

function toHook(path: string, content: string, obj: GoMap, h: ManifestHead, hookValue: string): HelmHook | undefined {
  const events = hookEvents(hookValue);
  if (!events) return undefined;
  const weightText = h.annotations['helm.sh/hook-weight'] ?? '0';
  const weight = /^[+-]?\d+$/.test(weightText.trim()) ? Number(weightText.trim()) : 0;
  const policies = (h.annotations['helm.sh/hook-delete-policy'] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  return { name: h.name, kind: h.kind, path, manifest: content, object: obj, events, weight, deletePolicies: policies };
}

/** releaseutil.SortManifests over rendered files (`{path: text}`), NOTES and partials already removed. */
export function sortManifests(files: ReadonlyMap<string, string>, order: readonly string[] = INSTALL_ORDER): SortResult {
  const generic: Manifest[] = [];
  const hooks: HelmHook[] = [];
  for (const path of [...files.keys()].sort()) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const text = files.get(path) ?? '';
    if (base.startsWith('_') || text.trim() === '') continue;
    for (const content of splitManifests(text)) {
      const parsed = parseYaml(content, undefined, true);
      if (!parsed.ok) return { ok: false, error: `YAML parse error on ${path}: error converting YAML to JSON: ${parsed.error}` };
      if (parsed.value === null) continue; // a document of comments only
      if (!isMap(parsed.value)) return { ok: false, error: `YAML parse error on ${path}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(parsed.value) ? 'array' : 'string'} into Go value of type releaseutil.SimpleHead` };
      const h = head(parsed.value);
      const hookValue = h.annotations['helm.sh/hook'];
      if (hookValue === undefined) {
        generic.push({ name: path, content, head: h, object: parsed.value });
        continue;
      }
      const hook = toHook(path, content, parsed.value, h, hookValue);
      if (hook) hooks.push(hook);
    }
  }
  // Hooks keep kind order here (sortHooksByKind), as the release stores them and `helm template`
  // and `helm get hooks` print them; execHook sorts by weight, then name, when they run.
  return { ok: true, manifests: sortByKind(generic, (m) => m.head.kind, order), hooks: sortByKind(hooks, (x) => x.kind, order) };
}

/** The release manifest text, as `helm get manifest` and `helm template` print it. */
export function formatManifests(manifests: readonly Manifest[]): string {
  return manifests.map((m) => `---\n# Source: ${m.name}\n${m.content}\n`).join('');
}

/** `helm template` output: the manifest, then hooks (unless `--no-hooks`). */
export function formatTemplateOutput(manifests: readonly Manifest[], hooks: readonly HelmHook[], includeHooks = true): string {
  const body = formatManifests(manifests).trim();
  const hookText = includeHooks ? hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join('') : '';
  return `${body}\n${hookText}`;
}
