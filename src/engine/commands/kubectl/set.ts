import type { Container, KubeObject, PodSpec } from '../../api/types';
import { deepClone, deepEqual } from '../../util/clone';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { statusLines } from './errors';
import { verbHelp } from './help';
import { kindName } from './names';
import { resolveTargets } from './fetch';
import { SELECTOR_FLAG, VerbGroup, type Verb } from './verb';

/** The pod spec inside a workload (or the pod's own), as a mutable reference into `obj`. */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = obj.spec as { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined;
  if (obj.kind === 'Pod') return obj.spec as PodSpec | undefined;
  if (obj.kind === 'CronJob') return spec?.jobTemplate?.spec?.template?.spec;
  return spec?.template?.spec;
}

function splitImageArgs(args: readonly string[]): { resources: string[]; images: Map<string, string> } {
  const at = args.findIndex((a) => a.includes('='));
  if (at < 0) fail('error: at least one image update is required');
  const images = new Map<string, string>();
  for (const a of args.slice(at)) {
    const eq = a.indexOf('=');
    if (eq <= 0 || eq === a.length - 1) fail(`error: invalid image update "${a}": expected CONTAINER=IMAGE`);
    images.set(a.slice(0, eq), a.slice(eq + 1));
  }
  return { resources: args.slice(0, at), images };
}

function setImages(spec: PodSpec, images: ReadonlyMap<string, string>): void {
  const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const [name, image] of images) {
    const hits = name === '*' ? all : all.filter((c) => c.name === name);
    if (hits.length === 0) fail(`error: unable to find container named "${name}"`);
    for (const c of hits) c.image = image;
  }
}

function runSetImage(inv: Invocation, flags: ParsedFlags): ExitCode {
  const { resources, images } = splitImageArgs(flags.args);
  const targets = resolveTargets(inv, resources, flags);
  const errors: string[] = [];
  for (const { ref, obj } of targets) {
    const updated = deepClone(obj);
    const spec = podSpecOf(updated);
    if (!spec) fail(`error: ${kindName(ref.r, ref.name)} has no pod template; set image works on pods and workloads`);
    setImages(spec, images);
    if (deepEqual(updated, obj)) continue;
    const patchSpec = obj.kind === 'Pod' ? { spec: updated.spec } : { spec: { template: { spec: { containers: spec.containers, ...(spec.initContainers ? { initContainers: spec.initContainers } : {}) } } } };
    const res = inv.host.api.patch(inv.req, ref.r.resource, obj.metadata.namespace, ref.name, patchSpec);
    if (res.ok) inv.proc.out(`${kindName(ref.r, ref.name)} image updated`);
    else errors.push(...statusLines(res.status));
  }
  for (const e of errors) inv.proc.err(e);
  return errors.length > 0 ? 1 : 0;
}

const setImage: Verb = {
  name: 'image',
  short: 'Update the image of a pod template',
  usage: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  examples: ['# Set the web container of deployment web to nginx:1.26', 'kubectl set image deployment/web web=nginx:1.26', '', '# Update all containers', "kubectl set image deployment/web '*=nginx:1.26'"].join('\n'),
  flags: [SELECTOR_FLAG, { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' }],
  run: runSetImage,
};

export const setVerb: Verb = {
  name: 'set',
  group: VerbGroup.Beginner,
  short: 'Set specific features on objects',
  long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
  usage: 'kubectl set SUBCOMMAND [options]',
  flags: [],
  subcommands: [setImage],
  run(inv, flags) {
    if (flags.args.length > 0) fail(`error: unknown command "${flags.args[0]}" for "kubectl set"`, "Run 'kubectl set --help' for usage.");
    inv.proc.out(verbHelp('set', setVerb).join('\n'));
    return 0;
  },
};
