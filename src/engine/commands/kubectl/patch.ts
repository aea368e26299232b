import { parse } from 'yaml';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { mergePatchBetween, threeWayMerge } from './apply/three-way';
import { must } from './errors';
import { resolveTargets } from './fetch';
import { kindName } from './names';
import { VerbGroup, type Verb } from './verb';

function parsePatch(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 10 }) as unknown;
  } catch (e) {
    fail(`error: unable to parse "${text}": ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`error: unable to parse "${text}": the patch must be an object`);
  return value as Record<string, unknown>;
}

function runPatch(inv: Invocation, flags: ParsedFlags): ExitCode {
  const text = flags.string('patch');
  if (!text) fail('error: must specify -p to patch');
  const type = flags.string('type') ?? 'strategic';
  if (type === 'json') fail('error: --type json is not supported here; use --type merge or --type strategic');
  if (type !== 'merge' && type !== 'strategic') fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  const body = parsePatch(text);
  for (const { ref, obj } of resolveTargets(inv, flags.args, flags)) {
    const desired = type === 'strategic' ? threeWayMerge(undefined, body, obj) : undefined;
    const patch = desired === undefined ? body : mergePatchBetween(obj, desired);
    const label = kindName(ref.r, ref.name);
    const res = must(inv.host.api.patch(inv.req, ref.r.resource, obj.metadata.namespace, ref.name, patch));
    inv.proc.out(res.metadata.resourceVersion === obj.metadata.resourceVersion ? `${label} patched (no change)` : `${label} patched`);
  }
  return 0;
}

export const patchVerb: Verb = {
  name: 'patch',
  group: VerbGroup.Advanced,
  short: 'Update fields of a resource',
  long: 'Update fields of a resource using strategic merge patch or a JSON merge patch.\n\n JSON and YAML formats are accepted.',
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH] [options]',
  examples: ["# Partially update a node's unschedulable field", 'kubectl patch node worker-1 -p \'{"spec":{"unschedulable":true}}\'', '', '# Scale a deployment with a merge patch', 'kubectl patch deployment web --type merge -p \'{"spec":{"replicas":5}}\''].join('\n'),
  flags: [
    { name: 'patch', short: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  ],
  run: runPatch,
};
