import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { statusLines } from './errors';
import { resolveTargets } from './fetch';
import { kindName } from './names';
import { ALL_NAMESPACES_FLAG, SELECTOR_FLAG, VerbGroup, type Verb } from './verb';

type Field = 'labels' | 'annotations';

interface Changes {
  readonly set: Map<string, string>;
  readonly remove: string[];
}

function parseChanges(args: readonly string[], field: Field): { resources: string[]; changes: Changes } {
  const isChange = (a: string): boolean => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
  const at = args.findIndex((a, i) => i > 0 && isChange(a));
  if (at < 0) fail(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const a of args.slice(at)) {
    const eq = a.indexOf('=');
    if (eq > 0) set.set(a.slice(0, eq), a.slice(eq + 1));
    else if (a.endsWith('-') && a.length > 1) remove.push(a.slice(0, -1));
    else fail(`error: invalid ${field === 'labels' ? 'label' : 'annotation'} format: ${a}`);
  }
  return { resources: args.slice(0, at), changes: { set, remove } };
}

/** kubectl's updateDataChangeMsg, quirks included (removal with --overwrite reads "labeled"). */
function changeMessage(field: Field, before: Record<string, string>, after: Record<string, string>, overwrite: boolean): string {
  const [yes, no, un] = field === 'labels' ? ['labeled', 'not labeled', 'unlabeled'] : ['annotated', 'not annotated', 'unannotated'];
  const a = JSON.stringify(before);
  const b = JSON.stringify(after);
  if (a === b) return no;
  return !overwrite && b.length < a.length ? un : yes;
}

function run(field: Field, inv: Invocation, flags: ParsedFlags): ExitCode {
  const { resources, changes } = parseChanges(flags.args, field);
  const overwrite = flags.bool('overwrite');
  const errors: string[] = [];
  for (const { ref, obj } of resolveTargets(inv, resources, flags)) {
    const before: Record<string, string> = { ...(obj.metadata[field] ?? {}) };
    const after = { ...before };
    for (const [k, v] of changes.set) {
      if (!overwrite && k in before && before[k] !== v) fail(`error: '${k}' already has a value (${before[k]}), and --overwrite is false`);
      after[k] = v;
    }
    for (const k of changes.remove) {
      if (!(k in after)) inv.proc.err(`${field === 'labels' ? 'label' : 'annotation'} "${k}" not found.`);
      delete after[k];
    }
    const msg = changeMessage(field, before, after, overwrite);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      const patch: Record<string, string | null> = {};
      for (const k of Object.keys(before)) if (!(k in after)) patch[k] = null;
      for (const [k, v] of Object.entries(after)) if (before[k] !== v) patch[k] = v;
      const res = inv.host.api.patch(inv.req, ref.r.resource, obj.metadata.namespace, ref.name, { metadata: { [field]: patch } });
      if (!res.ok) {
        errors.push(...statusLines(res.status));
        continue;
      }
    }
    inv.proc.out(`${kindName(ref.r, ref.name)} ${msg}`);
  }
  for (const e of errors) inv.proc.err(e);
  return errors.length > 0 ? 1 : 0;
}

const COMMON_FLAGS = [
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' } as const,
  { name: 'overwrite', type: 'bool', usage: 'If true, allow existing values to be overwritten, otherwise reject updates that overwrite existing values.' } as const,
];

export const labelVerb: Verb = {
  name: 'label',
  group: VerbGroup.Settings,
  short: 'Update the labels on a resource',
  long: 'Update the labels on a resource.\n\n  * A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  * If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.',
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  examples: ['# Label node worker-1 with disktype=ssd', 'kubectl label nodes worker-1 disktype=ssd', '', '# Remove the label', 'kubectl label nodes worker-1 disktype-'].join('\n'),
  flags: COMMON_FLAGS,
  run: (inv, flags) => run('labels', inv, flags),
};

export const annotateVerb: Verb = {
  name: 'annotate',
  group: VerbGroup.Settings,
  short: 'Update the annotations on a resource',
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  examples: ['# Record why a deployment changed', "kubectl annotate deployment web kubernetes.io/change-cause='image 1.26'"].join('\n'),
  flags: COMMON_FLAGS,
  run: (inv, flags) => run('annotations', inv, flags),
};
