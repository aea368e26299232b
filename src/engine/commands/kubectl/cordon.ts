import type { Node } from '../../api/types';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { must, statusLines } from './errors';
import { listObjects, parseSelector } from './fetch';
import { resolveType } from './resource-args';
import { SELECTOR_FLAG, VerbGroup, type Verb } from './verb';

/** Nodes named on the command line (`n1 n2`, `node/n1`) or selected with `-l`. */
export function selectNodes(inv: Invocation, flags: ParsedFlags, verb: string): Node[] {
  const nodes = resolveType('nodes');
  const selector = flags.string('selector');
  if (selector) return listObjects(inv, nodes, { namespace: 'default', allNamespaces: true, labelSelector: parseSelector(selector) }) as Node[];
  if (flags.args.length === 0) fail(`error: USAGE: ${verb} NODE [flags]`, `See 'kubectl ${verb} -h' for help and examples`);
  return flags.args.map((a) => {
    const name = a.startsWith('node/') || a.startsWith('nodes/') ? a.slice(a.indexOf('/') + 1) : a;
    return must(inv.host.api.get<Node>(inv.req, 'nodes', undefined, name));
  });
}

/** Sets spec.unschedulable, printing `node/n cordoned` or `node/n already cordoned`. */
export function setUnschedulable(inv: Invocation, node: Node, want: boolean): string | undefined {
  const verb = want ? 'cordoned' : 'uncordoned';
  const name = node.metadata.name;
  if ((node.spec?.unschedulable === true) === want) {
    inv.proc.out(`node/${name} already ${verb}`);
    return undefined;
  }
  const res = inv.host.api.patch(inv.req, 'nodes', undefined, name, { spec: { unschedulable: want ? true : null } });
  if (!res.ok) return statusLines(res.status).join('\n');
  inv.proc.out(`node/${name} ${verb}`);
  return undefined;
}

function cordonVerb(name: 'cordon' | 'uncordon', want: boolean): Verb {
  return {
    name,
    group: VerbGroup.Cluster,
    short: want ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    usage: `kubectl ${name} NODE [options]`,
    examples: [`# Mark node "worker-1" as ${want ? 'unschedulable' : 'schedulable'}`, `kubectl ${name} worker-1`].join('\n'),
    flags: [SELECTOR_FLAG],
    run(inv: Invocation, flags: ParsedFlags): ExitCode {
      const errors: string[] = [];
      for (const node of selectNodes(inv, flags, name)) {
        const err = setUnschedulable(inv, node, want);
        if (err) errors.push(err);
      }
      for (const e of errors) inv.proc.err(e);
      return errors.length > 0 ? 1 : 0;
    },
  };
}

export const cordonVerbs: readonly Verb[] = [cordonVerb('cordon', true), cordonVerb('uncordon', false)];
