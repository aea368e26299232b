import type { ResourceInfo } from '../../../api/resources';
import type { KubeObject } from '../../../api/types';
import type { WatchEvent } from '../../../api/watch-hub';
import { selectorMatches } from '../../../util/labels';
import { toJson, toYaml } from '../../format/output';
import { TABLE_OPTIONS, TabWriter } from '../../format/tabwriter';
import { fail, listAndWatch, type ExitCode, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import type { Scope } from '../fetch';
import type { ResourceRequest } from '../resource-args';
import { headerCells, kindName, rowCells, type TableOptions } from './render';

interface Target {
  readonly r: ResourceInfo;
  readonly name: string | undefined;
}

function watchTarget(req: ResourceRequest): Target {
  const kinds = new Set([...req.types, ...req.named.map((n) => n.r)]);
  if (kinds.size !== 1 || req.named.length > 1) {
    fail(`error: you may only specify a single resource type`);
  }
  const r = [...kinds][0]!;
  return { r, name: req.named[0]?.name };
}

function matches(obj: KubeObject, t: Target, scope: Scope): boolean {
  if (t.name !== undefined && obj.metadata.name !== t.name) return false;
  if (scope.labelSelector && !selectorMatches(scope.labelSelector, obj.metadata.labels)) return false;
  return true;
}

/**
 * `kubectl get -w`: the current state as a table, then one row per change as the watch
 * delivers it, aligned with the header printed earlier. Runs until interrupted.
 */
export function watchResources(inv: Invocation, flags: ParsedFlags, req: ResourceRequest, scope: Scope, opts: TableOptions): ExitCode {
  const t = watchTarget(req);
  const output = flags.string('output') ?? '';
  const writer = new TabWriter(TABLE_OPTIONS);
  let headerDone = opts.noHeaders;
  const tableOpts = (): TableOptions => ({ ...opts, nowMs: inv.host.env.now() });
  const print = (objs: readonly KubeObject[]): void => {
    if (objs.length === 0) return;
    if (output === 'name') {
      inv.proc.out(objs.map((o) => kindName(t.r, o.metadata.name)).join('\n'));
      return;
    }
    if (output === 'yaml' || output === 'json') {
      for (const o of objs) inv.proc.out(output === 'yaml' ? `${toYaml(o)}\n---` : toJson(o));
      return;
    }
    if (!headerDone) writer.write(`${headerCells(t.r, opts).join('\t')}\n`);
    headerDone = true;
    for (const o of objs) writer.write(`${rowCells(t.r, o, tableOpts()).join('\t')}\n`);
    inv.proc.out(writer.flush().join('\n'));
  };
  const namespace = t.r.namespaced && !scope.allNamespaces ? scope.namespace : undefined;
  const initial = listAndWatch(inv, t.r.resource, { namespace }, (ev: WatchEvent) => {
    if (matches(ev.object, t, scope)) print([ev.object]);
  });
  const shown = initial.filter((o) => matches(o, t, scope));
  if (t.name !== undefined && shown.length === 0 && !flags.bool('watch-only')) {
    inv.proc.err(`Error from server (NotFound): ${t.r.group ? `${t.r.resource}.${t.r.group}` : t.r.resource} "${t.name}" not found`);
    return 1;
  }
  if (!flags.bool('watch-only')) print(shown);
  return 'pending';
}
