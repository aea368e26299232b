import type { PropagationPolicy } from '../../api/apiserver';
import type { ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { statusLines, type ErrorSource } from './errors';
import { listObjects, scopeFromFlags } from './fetch';
import { loadFiles } from './manifest-files';
import { kindName, objectNamespace, singularQuoted } from './names';
import { parseResourceArgs } from './resource-args';
import { ALL_NAMESPACES_FLAG, FILENAME_FLAG, namespaceOf, OUTPUT_FLAG, SELECTOR_FLAG, VerbGroup, type Verb } from './verb';
import { waitForDeletion, type Deleted } from './wait-deleted';

export const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

const NO_RESOURCES = [
  'error: You must provide one or more resources by argument or filename.',
  'Example resource specifications include:',
  "   '-f rsrc.yaml'",
  "   '--filename=rsrc.json'",
  "   '<resource> <name>'",
  "   '<resource>'",
];

interface Target {
  readonly r: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly source?: ErrorSource;
}

function cascade(inv: Invocation, flags: ParsedFlags): PropagationPolicy {
  const v = flags.string('cascade') ?? 'background';
  switch (v) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      inv.proc.err('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.');
      return 'Background';
    case 'false':
      inv.proc.err('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.');
      return 'Orphan';
    default:
      return fail(`error: invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
  }
}

/** kubectl's grace-period rules: 0 without --force means 1; --force without a period means 0. */
function gracePeriod(flags: ParsedFlags): number {
  let grace = flags.int('grace-period') ?? -1;
  if (flags.bool('now')) grace = 1;
  if (grace === 0 && !flags.bool('force')) grace = 1;
  if (flags.bool('force') && grace < 0) grace = 0;
  return grace;
}

function targetsFromArgs(inv: Invocation, flags: ParsedFlags): Target[] {
  const req = parseResourceArgs(flags.args);
  const ns = namespaceOf(flags);
  const targets: Target[] = req.named.map((n) => ({ r: n.r, namespace: n.r.namespaced ? ns : undefined, name: n.name }));
  if (req.types.length > 0) {
    if (!flags.bool('all') && !flags.string('selector') && !flags.has('field-selector')) fail('error: resource(s) were provided, but no name was specified');
    const scope = scopeFromFlags(flags);
    for (const r of req.types) {
      for (const obj of listObjects(inv, r, scope)) targets.push({ r, namespace: obj.metadata.namespace, name: obj.metadata.name });
    }
  }
  return targets;
}

function targetsFromFiles(inv: Invocation, flags: ParsedFlags): Target[] {
  const explicitNs = flags.has('namespace') ? flags.string('namespace') : undefined;
  return loadFiles(inv, flags.strings('filename'), 'delete').flatMap((f) =>
    f.objects.map((mo) => ({ r: mo.resource, namespace: objectNamespace(mo.resource, mo.object, explicitNs), name: mo.object.metadata.name ?? '', source: { verb: 'deleting', file: f.name } })),
  );
}

function runDelete(inv: Invocation, flags: ParsedFlags): ExitCode {
  const fromFiles = flags.strings('filename').length > 0;
  if (!fromFiles && flags.args.length === 0) fail(...NO_RESOURCES);
  const propagationPolicy = cascade(inv, flags);
  const grace = gracePeriod(flags);
  const targets = fromFiles ? targetsFromFiles(inv, flags) : targetsFromArgs(inv, flags);
  if (targets.length === 0) {
    inv.proc.out('No resources found');
    return 0;
  }
  if (flags.bool('force') && grace === 0) inv.proc.err(FORCE_WARNING);
  const errors: string[] = [];
  const deleted: Deleted[] = [];
  for (const t of targets) {
    const res = inv.host.api.delete<KubeObject>(inv.req, t.r.resource, t.namespace, t.name, { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy });
    if (!res.ok) {
      if (!(res.status.code === 404 && flags.bool('ignore-not-found'))) errors.push(...statusLines(res.status, t.source));
      continue;
    }
    deleted.push({ r: t.r, namespace: t.namespace, name: t.name, uid: res.value.metadata.uid });
    if (flags.string('output') === 'name') inv.proc.out(kindName(t.r, t.name));
    else inv.proc.out(`${singularQuoted(t.r, t.name)} ${grace === 0 ? 'force deleted' : 'deleted'}`);
  }
  for (const e of errors) inv.proc.err(e);
  const code = errors.length > 0 ? 1 : 0;
  if (!flags.bool('wait') || deleted.length === 0 || grace === 0) return code;
  return waitForDeletion(inv, deleted, flags.durationMs('timeout') ?? 0, code);
}

export const deleteVerb: Verb = {
  name: 'delete',
  group: VerbGroup.Intermediate,
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: 'Delete resources by file names, resources and names, or by resources and label selector.\n\n Deleting a pod waits for its graceful termination (--grace-period); --force with --grace-period=0 removes the object at once.',
  usage: 'kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]',
  examples: ['# Delete a pod', 'kubectl delete pod web-5dd5756b68-x8k2p', '', '# Delete pods with the label app=web', 'kubectl delete pods -l app=web', '', '# Force delete a pod on a dead node', 'kubectl delete pod web-x --grace-period=0 --force'].join('\n'),
  flags: [
    FILENAME_FLAG,
    SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    OUTPUT_FLAG,
    { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on.' },
    { name: 'all', type: 'bool', usage: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'now', type: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'cascade', type: 'string', default: 'background', usage: 'Must be "background", "orphan", or "foreground". Defaults to background.' },
    { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Treat "resource not found" as a successful delete.' },
  ],
  run: runDelete,
};
