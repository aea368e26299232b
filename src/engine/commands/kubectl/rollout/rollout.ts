import type { KubeObject } from '../../../api/types';
import { rfc3339 } from '../../../sim/time';
import { fail, later, listAndWatch, type ExitCode, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import { statusLines } from '../errors';
import { verbHelp } from '../help';
import { resolveTargets } from '../fetch';
import { kindName, quotedName } from '../names';
import { field } from '../printers/table';
import { VerbGroup, type Verb } from '../verb';
import { historyVerb, undoVerb } from './history';
import { rolloutStatus } from './status-viewers';

const ROLLABLE = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

function singleTarget(inv: Invocation, flags: ParsedFlags, verb: string): { obj: KubeObject; label: string } {
  if (flags.args.length === 0) fail(`error: required resource not specified`, `See 'kubectl rollout ${verb} -h' for help and examples`);
  const targets = resolveTargets(inv, flags.args, flags);
  if (targets.length !== 1) fail(`error: rollout ${verb} is only supported on individual resources and resource collections, but ${targets.length} resources were found`);
  const { ref, obj } = targets[0]!;
  if (!ROLLABLE.has(obj.kind)) fail(`error: no status viewer has been implemented for ${obj.kind}`);
  return { obj, label: kindName(ref.r, ref.name) };
}

function runStatus(inv: Invocation, flags: ParsedFlags): ExitCode {
  const { obj } = singleTarget(inv, flags, 'status');
  const revision = flags.int('revision') ?? 0;
  const show = (o: KubeObject): boolean => {
    const s = rolloutStatus(o, revision);
    if ('error' in s) fail(`error: ${s.error}`);
    inv.proc.out(s.message);
    if (s.done) inv.proc.exit(0);
    return s.done;
  };
  if (show(obj) || !flags.bool('watch')) return 0;
  const r = resolveTargets(inv, flags.args, flags)[0]!.ref.r;
  listAndWatch(inv, r.resource, { namespace: obj.metadata.namespace }, (ev) => {
    if (ev.object.metadata.name !== obj.metadata.name) return;
    if (ev.type === 'DELETED') fail('error: object has been deleted');
    show(ev.object);
  });
  const timeout = flags.durationMs('timeout') ?? 0;
  if (timeout > 0) later(inv, timeout, 'rollout-timeout', () => fail('error: timed out waiting for the condition'));
  return 'pending';
}

const statusVerb: Verb = {
  name: 'status',
  short: 'Show the status of the rollout',
  long: 'Show the status of the rollout.\n\n By default \'rollout status\' will watch the status of the latest rollout until it\'s done.',
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  examples: ['# Watch the rollout status of a deployment', 'kubectl rollout status deployment/web'].join('\n'),
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: true, usage: 'Watch the status of the rollout until it\'s done.' },
    { name: 'revision', type: 'int', default: 0, usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before ending watch, zero means never.' },
  ],
  run: runStatus,
};

function patchEach(inv: Invocation, flags: ParsedFlags, verb: string, build: (obj: KubeObject, label: string) => Record<string, unknown> | undefined, done: string): ExitCode {
  if (flags.args.length === 0) fail('error: required resource not specified', `See 'kubectl rollout ${verb} -h' for help and examples`);
  for (const { ref, obj } of resolveTargets(inv, flags.args, flags)) {
    const label = kindName(ref.r, ref.name);
    if (!ROLLABLE.has(obj.kind)) fail(`error: ${quotedName(ref.r, ref.name)} ${verb} is not supported`);
    const patch = build(obj, label);
    if (!patch) continue;
    const res = inv.host.api.patch(inv.req, ref.r.resource, obj.metadata.namespace, ref.name, patch);
    if (!res.ok) fail(...statusLines(res.status));
    inv.proc.out(`${label} ${done}`);
  }
  return 0;
}

const restartVerb: Verb = {
  name: 'restart',
  short: 'Restart a resource',
  long: 'Restart a resource.\n\n Resource rollout will be restarted.',
  usage: 'kubectl rollout restart RESOURCE [options]',
  examples: ['# Restart the pods of deployment web, one batch at a time', 'kubectl rollout restart deployment/web'].join('\n'),
  flags: [],
  run: (inv, flags) =>
    patchEach(inv, flags, 'restart', (obj) => {
      if (obj.kind === 'Deployment' && field(obj, 'spec', 'paused') === true) {
        fail(`error: deployments.apps "${obj.metadata.name}" can't restart paused deployment (run rollout resume first)`);
      }
      const at = rfc3339(inv.host.env.now());
      return { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } };
    }, 'restarted'),
};

function pauseVerb(name: 'pause' | 'resume', paused: boolean): Verb {
  return {
    name,
    short: paused ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    usage: `kubectl rollout ${name} RESOURCE [options]`,
    flags: [],
    run: (inv, flags) =>
      patchEach(inv, flags, name, (obj) => {
        if (obj.kind !== 'Deployment') fail(`error: ${obj.kind.toLowerCase()}s are not supported by ${name}`);
        if ((field(obj, 'spec', 'paused') === true) === paused) fail(`error: deployments.apps "${obj.metadata.name}" is ${paused ? 'already paused' : 'not paused'}`);
        return { spec: { paused: paused ? true : null } };
      }, paused ? 'paused' : 'resumed'),
  };
}

export const rolloutVerb: Verb = {
  name: 'rollout',
  group: VerbGroup.Deploy,
  short: 'Manage the rollout of a resource',
  long: 'Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
  usage: 'kubectl rollout SUBCOMMAND [options]',
  flags: [],
  subcommands: [historyVerb, pauseVerb('pause', true), restartVerb, pauseVerb('resume', false), statusVerb, undoVerb],
  run(inv, flags) {
    if (flags.args.length > 0) fail(`error: unknown command "${flags.args[0]}" for "kubectl rollout"`, "Run 'kubectl rollout --help' for usage.");
    inv.proc.out(verbHelp('rollout', rolloutVerb).join('\n'));
    return 0;
  },
};

