import type { Deployment, KubeObject, ReplicaSet } from '../../../api/types';
import { deepClone, deepEqual } from '../../../util/clone';
import { fail, type ExitCode, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import { DESCRIBE_OPTIONS, formatTable } from '../../format/tabwriter';
import { must } from '../errors';
import { resolveTargets } from '../fetch';
import { kindName } from '../names';
import { describePodTemplate } from '../describe/template';
import { PrefixWriter } from '../describe/writer';
import type { Verb } from '../verb';
import { ownedReplicaSets, revisionOf, withoutHash } from './revisions';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

function deploymentTarget(inv: Invocation, flags: ParsedFlags, verb: string): { d: Deployment; label: string } {
  if (flags.args.length === 0) fail('error: required resource not specified', `See 'kubectl rollout ${verb} -h' for help and examples`);
  const targets = resolveTargets(inv, flags.args, flags);
  if (targets.length !== 1) fail(`error: rollout ${verb} is only supported on individual resources`);
  const { ref, obj } = targets[0]!;
  if (obj.kind !== 'Deployment') fail(`error: no history viewer has been implemented for ${obj.kind}`);
  return { d: obj as Deployment, label: kindName(ref.r, ref.name) };
}

/** The template printed raw (PrefixWriter without a tabwriter), as printTemplate does. */
function rawTemplate(rs: ReplicaSet): string[] {
  const w = new PrefixWriter(false);
  describePodTemplate(rs.spec?.template, w);
  return w.lines();
}

function runHistory(inv: Invocation, flags: ParsedFlags): ExitCode {
  const { d, label } = deploymentTarget(inv, flags, 'history');
  const rss = ownedReplicaSets(inv, d).filter((rs) => revisionOf(rs) > 0);
  const revision = flags.int('revision') ?? 0;
  if (revision > 0) {
    const rs = rss.find((x) => revisionOf(x) === revision);
    if (!rs) fail(`error: unable to find the specified revision`);
    inv.proc.out([`${label} with revision #${revision}`, ...rawTemplate(rs), ''].join('\n'));
    return 0;
  }
  if (rss.length === 0) {
    inv.proc.out(`${label} \nNo rollout history found.`);
    return 0;
  }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...rss.map((rs) => [String(revisionOf(rs)), rs.metadata.annotations?.[CHANGE_CAUSE] || '<none>'])];
  inv.proc.out([`${label} `, ...formatTable(rows, DESCRIBE_OPTIONS), ''].join('\n'));
  return 0;
}

export const historyVerb: Verb = {
  name: 'history',
  short: 'View rollout history',
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  examples: ['# View the rollout history of a deployment', 'kubectl rollout history deployment/web', '', '# View the details of revision 2', 'kubectl rollout history deployment/web --revision=2'].join('\n'),
  flags: [{ name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' }],
  run: runHistory,
};

function runUndo(inv: Invocation, flags: ParsedFlags): ExitCode {
  const { d, label } = deploymentTarget(inv, flags, 'undo');
  const rss = ownedReplicaSets(inv, d).filter((rs) => revisionOf(rs) > 0);
  let to = flags.int('to-revision') ?? 0;
  if (rss.length === 0) fail(`error: no rollout history found for deployment "${d.metadata.name}"`);
  if (to === 0) {
    if (rss.length < 2) fail('error: no last revision to roll back to');
    to = revisionOf(rss[rss.length - 2]!);
  }
  const rs = rss.find((x) => revisionOf(x) === to);
  if (!rs) fail(`error: unable to find specified revision ${to} in history`);
  const template = withoutHash(rs.spec?.template);
  if (deepEqual(template, d.spec?.template)) {
    inv.proc.out(`${label} skipped rollback (current template already matches revision ${to})`);
    return 0;
  }
  const updated: KubeObject = deepClone(d);
  const spec = (updated as Deployment).spec;
  if (template) spec.template = template;
  const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
  if (cause) updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), [CHANGE_CAUSE]: cause };
  must(inv.host.api.update(inv.req, 'deployments', updated));
  inv.proc.out(`${label} rolled back`);
  return 0;
}

export const undoVerb: Verb = {
  name: 'undo',
  short: 'Undo a previous rollout',
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  examples: ['# Roll back to the previous deployment', 'kubectl rollout undo deployment/web', '', '# Roll back to revision 1', 'kubectl rollout undo deployment/web --to-revision=1'].join('\n'),
  flags: [{ name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' }],
  run: runUndo,
};
