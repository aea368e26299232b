import type { ResourceInfo } from '../../../api/resources';
import type { KubeObject } from '../../../api/types';
import { asList, toJson, toYaml } from '../../format/output';
import { TABLE_OPTIONS, TabWriter } from '../../format/tabwriter';
import { fail } from '../../invocation';
import { printerFor } from '../printers/registry';
import { formatLabels, headerOf } from '../printers/table';
import { jsonPathTemplate } from './jsonpath';
import { kindName } from '../names';

export interface TableOptions {
  readonly wide: boolean;
  readonly showLabels: boolean;
  /** `-A`: a NAMESPACE column first (namespaced kinds only). */
  readonly allNamespaces: boolean;
  /** Several kinds requested: names print as `kind.group/name`. */
  readonly withKind: boolean;
  readonly noHeaders: boolean;
  readonly nowMs: number;
}

export { kindName };

export function headerCells(r: ResourceInfo, opts: TableOptions): string[] {
  const header = [...headerOf(printerFor(r.kind), opts.wide)];
  if (opts.allNamespaces && r.namespaced) header.unshift('NAMESPACE');
  if (opts.showLabels) header.push('LABELS');
  return header;
}

export function rowCells(r: ResourceInfo, obj: KubeObject, opts: TableOptions): string[] {
  const printer = printerFor(r.kind);
  const cells = printer.row(obj, { nowMs: opts.nowMs, wide: opts.wide });
  if (opts.withKind) {
    const at = headerOf(printer, opts.wide).indexOf('NAME');
    if (at >= 0) cells[at] = kindName(r, cells[at]!);
  }
  if (opts.allNamespaces && r.namespaced) cells.unshift(obj.metadata.namespace ?? '');
  if (opts.showLabels) cells.push(formatLabels(obj.metadata.labels));
  return cells;
}

export interface Group {
  readonly r: ResourceInfo;
  readonly items: readonly KubeObject[];
}

/** Tables for each kind that has objects, separated by a blank line, each aligned on its own. */
export function renderTables(groups: readonly Group[], opts: TableOptions): string[] {
  const out: string[] = [];
  for (const g of groups) {
    if (g.items.length === 0) continue;
    if (out.length > 0) out.push('');
    const w = new TabWriter(TABLE_OPTIONS);
    if (!opts.noHeaders) w.write(`${headerCells(g.r, opts).join('\t')}\n`);
    for (const obj of g.items) w.write(`${rowCells(g.r, obj, opts).join('\t')}\n`);
    out.push(...w.flush());
  }
  return out;
}

export const OUTPUT_FORMATS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];

/** kubectl's error for an unknown -o; formats kubectl has but this console lacks say so plainly. */
export function unsupportedOutput(format: string): never {
  const name = format.split('=')[0]!;
  if (OUTPUT_FORMATS.includes(name)) fail(`error: output format "${name}" is not available in this console; use wide, yaml, json, name or jsonpath=…`);
  fail(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: ${OUTPUT_FORMATS.join(',')}`);
}

/** Non-table outputs: yaml, json, name, jsonpath. `single` prints the object itself instead of a List. */
export function renderObjects(format: string, groups: readonly Group[], single: boolean): string[] {
  const items = groups.flatMap((g) => g.items.map((obj) => ({ r: g.r, obj })));
  if (format === 'name') return items.map(({ r, obj }) => kindName(r, obj.metadata.name));
  const value = single && items.length === 1 ? items[0]!.obj : asList(items.map((i) => i.obj));
  if (format === 'yaml') return toYaml(value).split('\n');
  if (format === 'json') return toJson(value).split('\n');
  if (format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=')) {
    const tpl = format.slice(format.indexOf('=') + 1);
    const text = jsonPathTemplate(tpl, value);
    return text === '' ? [] : text.replace(/\n$/, '').split('\n');
  }
  return unsupportedOutput(format);
}
