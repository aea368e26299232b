import type { Node, Taint } from '../../api/types';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { statusLines } from './errors';
import { listObjects, parseSelector } from './fetch';
import { must } from './errors';
import { resolveType } from './resource-args';
import { parseTaintSpecs, taintString, type TaintSpec } from './taint-spec';
import { SELECTOR_FLAG, VerbGroup, type Verb } from './verb';

function isTaintArg(a: string): boolean {
  return a.includes('=') || a.includes(':') || a.endsWith('-');
}

function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** kubectl's reorganizeTaints: new taints first, then the old ones they don't replace, minus removals. */
function reorganize(old: readonly Taint[], spec: TaintSpec, overwrite: boolean): { op: string; taints: Taint[]; errors: string[] } {
  const taints: Taint[] = [...spec.add];
  for (const o of old) if (!taints.some((t) => matchTaint(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const rm of spec.remove) {
    const before = taints.length;
    const keep = taints.filter((t) => !(t.key === rm.key && (rm.effect === undefined || t.effect === rm.effect)));
    taints.splice(0, taints.length, ...keep);
    deleted = taints.length !== before;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintString(rm))} not found`);
  }
  const op = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { op, taints, errors };
}

function targetNodes(inv: Invocation, flags: ParsedFlags, names: string[]): Node[] {
  if (flags.bool('all') || flags.string('selector')) {
    const selector = flags.string('selector');
    return listObjects(inv, resolveType('nodes'), { namespace: 'default', allNamespaces: true, ...(selector ? { labelSelector: parseSelector(selector) } : {}) }) as Node[];
  }
  if (names.length === 0) fail('error: at least one resource name must be specified since \'all\' parameter is not set');
  return names.map((n) => must(inv.host.api.get<Node>(inv.req, 'nodes', undefined, n)));
}

function runTaint(inv: Invocation, flags: ParsedFlags): ExitCode {
  const args = flags.args;
  if (args.length === 0) fail('error: at least one taint update is required');
  const first = args[0]!;
  let names: string[];
  let rest: string[];
  if (first.includes('/')) {
    const [type, name] = first.split('/');
    if (resolveType(type!).kind !== 'Node') fail(`error: invalid resource type ${type}, only node types are supported`);
    names = [name!];
    rest = args.slice(1);
  } else {
    if (resolveType(first).kind !== 'Node') fail(`error: invalid resource type ${first}, only node types are supported`);
    const at = args.findIndex((a, i) => i > 0 && isTaintArg(a));
    names = at < 0 ? args.slice(1) : args.slice(1, at);
    rest = at < 0 ? [] : args.slice(at);
  }
  if (rest.length === 0) fail('error: at least one taint update is required');
  const spec = parseTaintSpecs(rest);
  if ('error' in spec) fail(`error: ${spec.error}`);
  const overwrite = flags.bool('overwrite');
  const errors: string[] = [];
  for (const node of targetNodes(inv, flags, names)) {
    const old = node.spec?.taints ?? [];
    if (!overwrite) {
      const clash = spec.add.filter((t) => old.some((o) => matchTaint(o, t))).map((t) => t.key);
      if (clash.length > 0) fail(`error: node ${node.metadata.name} already has ${clash.join(',')} taint(s) with same effect(s) and --overwrite is false`);
    }
    const r = reorganize(old, spec, overwrite);
    if (r.errors.length > 0) fail(...r.errors.map((e) => `error: ${e}`));
    const res = inv.host.api.patch(inv.req, 'nodes', undefined, node.metadata.name, { spec: { taints: r.taints.length > 0 ? r.taints : null } });
    if (res.ok) inv.proc.out(`node/${node.metadata.name} ${r.op}`);
    else errors.push(...statusLines(res.status));
  }
  for (const e of errors) inv.proc.err(e);
  return errors.length > 0 ? 1 : 0;
}

export const taintVerb: Verb = {
  name: 'taint',
  group: VerbGroup.Cluster,
  short: 'Update the taints on one or more nodes',
  long: 'Update the taints on one or more nodes.\n\n  * A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.\n  * The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n  * Remove a taint with key:effect- or key-.',
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  examples: ['# Taint node worker-1 so that only pods tolerating dedicated=gpu can be scheduled there', 'kubectl taint nodes worker-1 dedicated=gpu:NoSchedule', '', '# Remove that taint', 'kubectl taint nodes worker-1 dedicated:NoSchedule-'].join('\n'),
  flags: [
    SELECTOR_FLAG,
    { name: 'all', type: 'bool', usage: 'Select all nodes in the cluster' },
    { name: 'overwrite', type: 'bool', usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
  ],
  run: runTaint,
};
