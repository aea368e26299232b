import type { Container, Pod } from '../../api/types';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { must } from './errors';
import { namespaceOf, VerbGroup, type Verb } from './verb';

/** `-l a=b,c=d` (kubectl run / expose): key=value pairs; anything else is kubectl's error. */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of text.split(',')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) fail(`error: invalid label spec: ${kv}`);
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

function runRun(inv: Invocation, flags: ParsedFlags): ExitCode {
  const [name, ...rest] = flags.args;
  if (!name) fail('error: NAME is required for run', "See 'kubectl run -h' for help and examples");
  const image = flags.string('image');
  if (!image) fail('error: required flag(s) "image" not set');
  const restart = flags.string('restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) fail(`error: invalid restart policy: ${restart}`);
  const container: Container = { name, image, resources: {} };
  if (rest.length > 0) {
    if (flags.bool('command')) container.command = rest;
    else container.args = rest;
  }
  const port = flags.int('port') ?? -1;
  if (port >= 0) container.ports = [{ containerPort: port }];
  const env = flags.strings('env').map((kv) => {
    const eq = kv.indexOf('=');
    if (eq <= 0) fail(`error: invalid env: ${kv}`);
    return { name: kv.slice(0, eq), value: kv.slice(eq + 1) };
  });
  if (env.length > 0) container.env = env;
  const labelsText = flags.string('labels');
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: labelsText ? parseLabels(labelsText) : { run: name } },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart as 'Always' | 'OnFailure' | 'Never' },
    status: {},
  };
  must(inv.host.api.create(inv.req, 'pods', namespaceOf(flags), pod));
  inv.proc.out(`pod/${name} created`);
  return 0;
}

export const runVerb: Verb = {
  name: 'run',
  group: VerbGroup.Beginner,
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--labels=k=v] [--restart=Always|OnFailure|Never] [--command] -- [COMMAND] [args...] [options]',
  examples: ['# Start a nginx pod', 'kubectl run nginx --image=nginx', '', '# Start a busybox pod that runs a command once', 'kubectl run once --image=busybox --restart=Never -- echo hello'].join('\n'),
  flags: [
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    { name: 'labels', short: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'port', type: 'int', default: -1, usage: "The port that this container exposes." },
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'command', type: 'bool', usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
  ],
  run: runRun,
};
