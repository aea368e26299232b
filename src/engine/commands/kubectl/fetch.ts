import type { ResourceInfo } from '../../api/resources';
import type { ApiResult } from '../../api/status';
import type { KubeObject, LabelSelector } from '../../api/types';
import { parseLabelSelector } from '../../util/labels';
import { fail, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { must } from './errors';
import { parseResourceArgs, type NamedRef } from './resource-args';
import { namespaceOf } from './verb';

/** Where a command looks: one namespace or all, optionally narrowed by selectors. */
export interface Scope {
  readonly namespace: string;
  readonly allNamespaces: boolean;
  readonly labelSelector?: LabelSelector;
  readonly fieldSelector?: Record<string, string>;
}

export function parseSelector(text: string): LabelSelector {
  const sel = parseLabelSelector(text);
  if ('error' in sel) fail(`error: ${sel.error}`);
  return sel;
}

/** `--field-selector a=b,c==d` (equality only, as the simulated API server supports). */
export function parseFieldSelector(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const m = /^\s*([\w.]+)\s*==?\s*(.*?)\s*$/.exec(part);
    if (!m) fail(`error: invalid selector: '${text}'; can't understand '${part}'`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

export function scopeFromFlags(flags: ParsedFlags): Scope {
  const selector = flags.string('selector');
  const field = flags.has('field-selector') ? flags.string('field-selector') : undefined;
  return {
    namespace: namespaceOf(flags),
    allNamespaces: flags.bool('all-namespaces'),
    ...(selector ? { labelSelector: parseSelector(selector) } : {}),
    ...(field ? { fieldSelector: parseFieldSelector(field) } : {}),
  };
}

/** Since v1.33 the API server answers every request for v1 Endpoints with this warning header. */
export const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';
const warned = new WeakSet<Invocation>();

/** kubectl prints a response's warning on stderr, once per command however many requests carried it. */
function serverWarnings(inv: Invocation, r: ResourceInfo): void {
  if (r.resource !== 'endpoints' || warned.has(inv)) return;
  warned.add(inv);
  inv.proc.err(ENDPOINTS_WARNING);
}

export function listObjects(inv: Invocation, r: ResourceInfo, scope: Scope): KubeObject[] {
  serverWarnings(inv, r);
  const namespace = r.namespaced && !scope.allNamespaces ? scope.namespace : undefined;
  const res = inv.host.api.list(inv.req, r.resource, { namespace, labelSelector: scope.labelSelector, fieldSelector: scope.fieldSelector });
  return must(res).items;
}

export function getObject(inv: Invocation, r: ResourceInfo, namespace: string, name: string): ApiResult<KubeObject> {
  serverWarnings(inv, r);
  return inv.host.api.get(inv.req, r.resource, r.namespaced ? namespace : undefined, name);
}

/** Objects named by `TYPE NAME…`, `TYPE/NAME…` or `TYPE -l sel|--all`, fetched (NotFound is fatal). */
export function resolveTargets(inv: Invocation, args: readonly string[], flags: ParsedFlags): { ref: NamedRef; obj: KubeObject }[] {
  const req = parseResourceArgs(args);
  const ns = namespaceOf(flags);
  const out: { ref: NamedRef; obj: KubeObject }[] = [];
  for (const ref of req.named) out.push({ ref, obj: must(getObject(inv, ref.r, ns, ref.name)) });
  for (const r of req.types) {
    if (!flags.bool('all') && !flags.string('selector')) fail('error: resource(s) were provided, but no name was specified');
    for (const obj of listObjects(inv, r, scopeFromFlags(flags))) out.push({ ref: { r, name: obj.metadata.name }, obj });
  }
  return out;
}
