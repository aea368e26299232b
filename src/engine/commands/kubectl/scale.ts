import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { statusLines } from './errors';
import { resolveTargets } from './fetch';
import { kindName } from './names';
import { field } from './printers/table';
import { SELECTOR_FLAG, VerbGroup, type Verb } from './verb';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

function runScale(inv: Invocation, flags: ParsedFlags): ExitCode {
  if (!flags.has('replicas')) fail('error: required flag(s) "replicas" not set');
  const replicas = flags.int('replicas') ?? -1;
  if (replicas < 0) fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (flags.args.length === 0) fail(...['error: You must provide one or more resources by argument or filename.', 'Example resource specifications include:', "   '-f rsrc.yaml'", "   '--filename=rsrc.json'", "   '<resource> <name>'", "   '<resource>'"]);
  const targets = resolveTargets(inv, flags.args, flags);
  if (targets.length === 0) fail('error: no objects passed to scale');
  const errors: string[] = [];
  for (const { ref, obj } of targets) {
    if (!SCALABLE.has(ref.r.kind)) fail(`error: no scaler has been implemented for {"${ref.r.group}" "${ref.r.kind}"}`);
    const current = flags.int('current-replicas') ?? -1;
    const have = field(obj, 'spec', 'replicas');
    if (current >= 0 && have !== current) {
      errors.push(`error: Expected replicas to be ${current}, was ${typeof have === 'number' ? have : 0}`);
      continue;
    }
    const res = inv.host.api.patch(inv.req, ref.r.resource, obj.metadata.namespace, ref.name, { spec: { replicas } });
    if (res.ok) inv.proc.out(`${kindName(ref.r, ref.name)} scaled`);
    else errors.push(...statusLines(res.status));
  }
  for (const e of errors) inv.proc.err(e);
  return errors.length > 0 ? 1 : 0;
}

export const scaleVerb: Verb = {
  name: 'scale',
  group: VerbGroup.Deploy,
  short: 'Set a new size for a deployment, replica set, or stateful set',
  long: 'Set a new size for a deployment, replica set, replication controller, or stateful set.',
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  examples: ['# Scale a deployment named web to 3', 'kubectl scale --replicas=3 deployment/web'].join('\n'),
  flags: [
    { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    SELECTOR_FLAG,
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
  ],
  run: runScale,
};
