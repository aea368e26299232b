import type { KubeObject, Namespace } from '../../../api/types';
import type { Invocation } from '../../invocation';
import { describeEvents, eventsFor, printAnnotations, printLabels } from './common';
import { tabbed, LEVEL_0, type PrefixWriter } from './writer';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** fatih/camelcase.Split: runs of lower, upper, digit; an upper run followed by lower gives its last letter away. */
function camelSplit(s: string): string[] {
  const cls = (c: string): number => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /[0-9]/.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const c = cls(ch);
    if (c === last && runs.length > 0) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i]!;
    const next = runs[i + 1]!;
    if (cur.length > 0 && cls(cur[0]!) === 2 && cls(next[0]!) === 1) next.unshift(cur.pop()!);
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `apiVersion` → `API Version`, `nodeName` → `Node Name`. */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

const SKIP = new Set(['.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else if (value !== null && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else {
      w.write(level, `${smartLabel(field)}:\t${value === null ? '<nil>' : String(value)}\n`);
    }
  }
}

/** kubectl's generic describer, for kinds without a dedicated one. */
export function describeGeneric(inv: Invocation, obj: KubeObject): string[] {
  const nowMs = inv.host.env.now();
  const events = eventsFor(inv, obj);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    printContent(w, LEVEL_0, obj, '');
    describeEvents(w, events, nowMs);
  });
}

/** describeNamespace: quota and limit ranges are not simulated, so both report none. */
export function describeNamespace(inv: Invocation, ns: Namespace): string[] {
  const quotas = inv.host.api.list(inv.req, 'resourcequotas', { namespace: ns.metadata.name });
  const limits = inv.host.api.list(inv.req, 'limitranges', { namespace: ns.metadata.name });
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabels(w, 'Labels', ns.metadata.labels);
    printAnnotations(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, quotas.ok && quotas.value.items.length > 0 ? `Resource Quotas: ${quotas.value.items.length}\n` : 'No resource quota.\n');
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, limits.ok && limits.value.items.length > 0 ? `Resource Limits: ${limits.value.items.length}\n` : 'No LimitRange resource.\n');
  });
}
