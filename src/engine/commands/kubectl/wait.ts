import type { KubeObject } from '../../api/types';
import { qualifiedResource } from '../../api/resources';
import { fail, later, listAndWatch, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { resolveTargets } from './fetch';
import { evalPath, parsePath } from './get/jsonpath';
import { kindName } from './names';
import { field } from './printers/table';
import { ALL_NAMESPACES_FLAG, SELECTOR_FLAG, VerbGroup, type Verb } from './verb';

type Condition = { kind: 'delete' } | { kind: 'condition'; type: string; value: string } | { kind: 'jsonpath'; path: string; value: string };

function parseFor(text: string | undefined): Condition {
  if (!text) fail('error: --for must be specified (delete, condition=Ready, jsonpath={.status.phase}=Running)');
  if (text === 'delete') return { kind: 'delete' };
  if (text.startsWith('condition=')) {
    const [type, value] = text.slice('condition='.length).split('=');
    return { kind: 'condition', type: type!.toLowerCase(), value: (value ?? 'true').toLowerCase() };
  }
  const m = /^jsonpath=(.+)=(.*)$/.exec(text);
  if (m) return { kind: 'jsonpath', path: m[1]!.replace(/^'|'$/g, ''), value: m[2]! };
  return fail(`error: unrecognized condition: "${text}"`);
}

function met(obj: KubeObject, cond: Condition): boolean {
  if (cond.kind === 'condition') {
    const conditions = field(obj, 'status', 'conditions');
    if (!Array.isArray(conditions)) return false;
    return conditions.some((c) => String(field(c, 'type')).toLowerCase() === cond.type && String(field(c, 'status')).toLowerCase() === cond.value);
  }
  if (cond.kind === 'jsonpath') return evalPath(parsePath(cond.path), obj).some((v) => String(v) === cond.value);
  return false;
}

function runWait(inv: Invocation, flags: ParsedFlags): ExitCode {
  const cond = parseFor(flags.string('for'));
  const timeout = flags.durationMs('timeout') ?? 30_000;
  const targets = resolveTargets(inv, flags.args, flags);
  if (targets.length === 0) fail('error: no matching resources found');
  const pending = new Map(targets.map((t) => [`${t.ref.r.resource}|${t.obj.metadata.namespace ?? ''}|${t.ref.name}`, t]));
  const check = (k: string, obj: KubeObject | undefined, deleted: boolean): void => {
    const t = pending.get(k);
    if (!t) return;
    const ok = cond.kind === 'delete' ? deleted || (obj !== undefined && obj.metadata.uid !== t.obj.metadata.uid) : obj !== undefined && met(obj, cond);
    if (!ok) return;
    pending.delete(k);
    inv.proc.out(`${kindName(t.ref.r, t.ref.name)} condition met`);
    if (pending.size === 0) inv.proc.exit(0);
  };
  const watched = new Set<string>();
  for (const t of targets) {
    const scope = `${t.ref.r.resource}|${t.obj.metadata.namespace ?? ''}`;
    if (watched.has(scope)) continue;
    watched.add(scope);
    listAndWatch(inv, t.ref.r.resource, { namespace: t.obj.metadata.namespace }, (ev) => {
      check(`${scope}|${ev.object.metadata.name}`, ev.object, ev.type === 'DELETED');
    });
  }
  for (const [k, t] of [...pending]) check(k, t.obj, false);
  if (pending.size === 0) return 0;
  later(inv, timeout, 'wait-timeout', () => {
    const first = [...pending.values()][0]!;
    fail(`error: timed out waiting for the condition on ${qualifiedResource(first.ref.r)}/${first.ref.name}`);
  });
  return 'pending';
}

export const waitVerb: Verb = {
  name: 'wait',
  group: VerbGroup.Advanced,
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: 'Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.',
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  examples: ['# Wait for the pod "busybox1" to contain the status condition of type "Ready"', 'kubectl wait --for=condition=Ready pod/busybox1', '', '# Wait for the pod "busybox1" to be deleted, with a timeout of 60s', 'kubectl wait --for=delete pod/busybox1 --timeout=60s'].join('\n'),
  flags: [
    { name: 'for', type: 'string', usage: "The condition to wait on: [delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]." },
    { name: 'timeout', type: 'duration', default: '30s', usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
  ],
  run: runWait,
};
