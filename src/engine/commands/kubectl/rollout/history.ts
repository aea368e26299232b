import type { KubeObject, PodTemplateSpec } from '../../../api/types';
import { deepClone, deepEqual } from '../../../util/clone';
import { fail, type ExitCode, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import { DESCRIBE_OPTIONS, formatTable } from '../../format/tabwriter';
import { must } from '../errors';
import { describePodTemplate } from '../describe/template';
import { PrefixWriter } from '../describe/writer';
import type { Verb } from '../verb';
import { rolloutTarget } from './history-source';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The template printed raw (PrefixWriter without a tabwriter), as printTemplate does. */
function rawTemplate(template: PodTemplateSpec | undefined): string[] {
  const w = new PrefixWriter(false);
  describePodTemplate(template, w);
  return w.lines();
}

/** printHistory of kubectl's history viewers: one revision's template, or REVISION / CHANGE-CAUSE. */
function runHistory(inv: Invocation, flags: ParsedFlags): ExitCode {
  const { label, revisions } = rolloutTarget(inv, flags, 'history');
  const revision = flags.int('revision') ?? 0;
  if (revision > 0) {
    const rev = revisions.find((x) => x.revision === revision);
    if (!rev) fail(`error: unable to find the specified revision`);
    inv.proc.out([`${label} with revision #${revision}`, ...rawTemplate(rev.template), ''].join('\n'));
    return 0;
  }
  if (revisions.length === 0) {
    inv.proc.out(`${label} \nNo rollout history found.`);
    return 0;
  }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...revisions.map((r) => [String(r.revision), r.changeCause || '<none>'])];
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

/**
 * The rollbackers: the revision's template written back to the workload (the previous
 * revision when none is named), skipped when it already matches.
 */
function runUndo(inv: Invocation, flags: ParsedFlags): ExitCode {
  const { obj, resource, label, revisions } = rolloutTarget(inv, flags, 'undo');
  let to = flags.int('to-revision') ?? 0;
  if (obj.kind === 'Deployment') {
    if (revisions.length === 0) fail(`error: no rollout history found for deployment "${obj.metadata.name}"`);
    if (to === 0 && revisions.length < 2) fail('error: no last revision to roll back to');
  } else if (to === 0 && revisions.length < 2) fail('error: unable to find specified revision 0 in history');
  if (to === 0) to = revisions[revisions.length - 2]!.revision;
  const rev = revisions.find((x) => x.revision === to);
  if (!rev?.template) fail(`error: unable to find specified revision ${to} in history`);
  const spec = (obj as KubeObject & { spec?: { template?: PodTemplateSpec } }).spec;
  if (deepEqual(rev.template, spec?.template)) {
    inv.proc.out(`${label} skipped rollback (current template already matches revision ${to})`);
    return 0;
  }
  const updated = deepClone(obj) as KubeObject & { spec: { template?: PodTemplateSpec } };
  updated.spec.template = deepClone(rev.template);
  if (obj.kind === 'Deployment' && rev.changeCause) updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), [CHANGE_CAUSE]: rev.changeCause };
  must(inv.host.api.update(inv.req, resource, updated));
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
