import { restPath, resourceByName } from '../../api/resources';
import type { KubeObject, Pod } from '../../api/types';
import { InteractionKind } from '../../log/interaction-log';
import { selectorMatches } from '../../util/labels';
import { fail, later, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { must } from './errors';
import { getObject, listObjects } from './fetch';
import { parseResourceArgs } from './resource-args';
import { namespaceOf, VerbGroup, type Verb } from './verb';

const FOLLOW_POLL_MS = 1_000;

/** `logs deployment/web` etc.: the first pod (by name) the workload selects. */
function podFor(inv: Invocation, flags: ParsedFlags): Pod {
  const [target, ...rest] = flags.args;
  if (!target) fail('error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.', 'POD or TYPE/NAME is a required argument for the logs command', "See 'kubectl logs -h' for help and examples");
  if (rest.length > 1 || (rest.length === 1 && flags.has('container'))) fail(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.`);
  const ns = namespaceOf(flags);
  if (!target.includes('/')) return must(inv.host.api.get<Pod>(inv.req, 'pods', ns, target));
  const { named } = parseResourceArgs([target]);
  const ref = named[0]!;
  const obj: KubeObject = must(getObject(inv, ref.r, ns, ref.name));
  if (obj.kind === 'Pod') return obj as Pod;
  const selector = (obj.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector;
  if (!selector) fail(`error: cannot get the logs from ${obj.kind.toLowerCase()}: selector for ${obj.kind.toLowerCase()}/${ref.name} not implemented`);
  const pods = (listObjects(inv, resourceByName('pods')!, { namespace: ns, allNamespaces: false }) as Pod[]).filter((p) => selectorMatches(selector, p.metadata.labels));
  if (pods.length === 0) fail(`error: timed out waiting for the condition`);
  return pods[0]!;
}

function chooseContainer(inv: Invocation, pod: Pod, wanted: string | undefined): string {
  const app = (pod.spec?.containers ?? []).map((c) => c.name);
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name);
  if (wanted !== undefined) {
    if (!app.includes(wanted) && !init.includes(wanted)) fail(`Error from server (BadRequest): container ${wanted} is not valid for pod ${pod.metadata.name}`);
    return wanted;
  }
  const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = preferred && app.includes(preferred) ? preferred : app[0];
  if (!chosen) fail(`error: pod ${pod.metadata.name} has no containers`);
  if (app.length + init.length > 1) inv.proc.err(`Defaulted container "${chosen}" out of: ${[...app, ...init.map((n) => `${n} (init)`)].join(', ')}`);
  return chosen;
}

function logRequest(inv: Invocation, pod: Pod, container: string, follow: boolean): void {
  const path = `${restPath(resourceByName('pods')!, pod.metadata.namespace, pod.metadata.name, 'log')}?container=${container}${follow ? '&follow=true' : ''}`;
  const ref = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name };
  inv.host.env.log.append({ kind: InteractionKind.Request, from: inv.req.component, to: 'apiserver', label: `GET ${path}`, opId: inv.opId, ref });
}

function fetchLogs(inv: Invocation, pod: Pod, container: string, previous: boolean): string[] | { error: string } {
  return inv.host.observability.containerLogs(pod.metadata.namespace ?? 'default', pod.metadata.name, container, previous);
}

function errorLine(e: string): string {
  return e.startsWith('Get "') ? `Error from server: ${e}` : `Error from server (BadRequest): ${e}`;
}

function runLogs(inv: Invocation, flags: ParsedFlags): ExitCode {
  const pod = podFor(inv, flags);
  const container = chooseContainer(inv, pod, flags.string('container') ?? flags.args[1]);
  const previous = flags.bool('previous');
  const follow = flags.bool('follow');
  logRequest(inv, pod, container, follow);
  const first = fetchLogs(inv, pod, container, previous);
  if ('error' in first) fail(errorLine(first.error));
  const tail = flags.int('tail') ?? -1;
  const shown = tail >= 0 ? first.slice(Math.max(0, first.length - tail)) : first;
  if (shown.length > 0) inv.proc.out(shown.join('\n'));
  if (!follow || previous) return 0;
  let printed = first.length;
  const poll = (): void => {
    const now = fetchLogs(inv, pod, container, false);
    if ('error' in now || now.length < printed) {
      inv.proc.exit(0);
      return;
    }
    if (now.length > printed) inv.proc.out(now.slice(printed).join('\n'));
    printed = now.length;
    later(inv, FOLLOW_POLL_MS, 'logs-follow', poll);
  };
  later(inv, FOLLOW_POLL_MS, 'logs-follow', poll);
  return 'pending';
}

export const logsVerb: Verb = {
  name: 'logs',
  group: VerbGroup.Troubleshooting,
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  examples: ['# Return snapshot logs from pod web with only one container', 'kubectl logs web', '', '# Begin streaming the logs of the web container', 'kubectl logs -f -c web web-5dd5756b68-x8k2p', '', '# Logs of the previous (crashed) instance of the container', 'kubectl logs -p web-5dd5756b68-x8k2p'].join('\n'),
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
    { name: 'previous', short: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines.' },
  ],
  run: runLogs,
};
