import { resourceByName } from '../../api/resources';
import type { Container, KubeObject, LabelSelector, Service, ServicePort } from '../../api/types';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { must } from './errors';
import { resolveTargets } from './fetch';
import { kindName } from './names';
import { field } from './printers/table';
import { VerbGroup, type Verb } from './verb';
import { parseLabels } from './run';

/**
 * `kubectl expose` (pkg/cmd/expose): a Service for a Deployment, ReplicaSet, Pod, Service
 * or ReplicationController, its selector taken from the object, its ports from `--port` or
 * from the object's container ports, its labels copied from the object.
 */

const EXPOSABLE = new Set(['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet']);
type Protocol = NonNullable<ServicePort['protocol']>;
type ServiceType = NonNullable<Service['spec']['type']>;
const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];
const TYPES: readonly ServiceType[] = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** The API server's answer to a value outside an enum, as kubectl prints it. */
function unsupported(name: string, path: string, value: string, supported: readonly string[]): never {
  fail(`The Service "${name}" is invalid: ${path}: Unsupported value: "${value}": supported values: ${supported.map((x) => `"${x}"`).join(', ')}`);
}

function usageError(message: string): never {
  fail(`error: ${message}`, "See 'kubectl expose -h' for help and examples");
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** MapBasedSelectorForObject: the equality selector a Service can carry. */
function selectorOf(obj: KubeObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) usageError("couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed");
      return { ...obj.metadata.labels };
    case 'Service':
    case 'ReplicationController': {
      const s = stringMap(field(obj, 'spec', 'selector'));
      if (!s || Object.keys(s).length === 0) usageError(`couldn't retrieve selectors via --selector flag or introspection: the ${obj.kind === 'Service' ? 'service' : 'replication controller'} has no pod selector set`);
      return s;
    }
    default: {
      const sel = field(obj, 'spec', 'selector') as LabelSelector | undefined;
      if (sel?.matchExpressions && sel.matchExpressions.length > 0) {
        // Go's %+v of the requirements: [{Key:app Operator:In Values:[a b]}].
        const goText = sel.matchExpressions.map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(' ')}]}`).join(' ');
        usageError(`couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "[${goText}]" to map-based selector format`);
      }
      return { ...(sel?.matchLabels ?? {}) };
    }
  }
}

/** PortsForObject / ProtocolsForObject: container ports (a Service's own ports), in order. */
function portsOf(obj: KubeObject): { port: number; protocol: Protocol }[] {
  if (obj.kind === 'Service') return ((field(obj, 'spec', 'ports') as ServicePort[] | undefined) ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const podSpecContainers = obj.kind === 'Pod' ? field(obj, 'spec', 'containers') : field(obj, 'spec', 'template', 'spec', 'containers');
  const containers = (podSpecContainers as Container[] | undefined) ?? [];
  return containers.flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) fail(`error: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return n;
}

/** createService: one ServicePort per port, named port-N when there are several, targetPort = port unless given. */
function servicePorts(flags: ParsedFlags, name: string, found: { port: number; protocol: Protocol }[]): ServicePort[] {
  const given = flags.string('port');
  const ports = given ? [{ port: parsePort(given), protocol: found.find((p) => p.port === parsePort(given))?.protocol ?? 'TCP' }] : found;
  if (ports.length === 0) usageError("couldn't find port via --port flag or introspection");
  const protocolFlag = flags.string('protocol');
  const protocol = PROTOCOLS.find((x) => x === protocolFlag);
  if (protocolFlag && !protocol) unsupported(name, 'spec.ports[0].protocol', protocolFlag, PROTOCOLS);
  const target = flags.string('target-port');
  return ports.map((p, i) => ({
    ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
    port: p.port,
    protocol: protocol ?? p.protocol,
    targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port,
  }));
}

function runExpose(inv: Invocation, flags: ParsedFlags): ExitCode {
  if (flags.args.length === 0) usageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const targets = resolveTargets(inv, flags.args, flags);
  if (targets.length !== 1) fail('error: expose takes exactly one object');
  const { ref, obj } = targets[0]!;
  if (!EXPOSABLE.has(obj.kind)) fail(`error: cannot expose a ${ref.r.group ? `${ref.r.kind}.${ref.r.group}` : ref.r.kind}`);
  const selectorFlag = flags.string('selector');
  const selector = selectorFlag ? parseLabels(selectorFlag) : selectorOf(obj);
  const labelsFlag = flags.string('labels');
  const labels = labelsFlag ? parseLabels(labelsFlag) : obj.metadata.labels;
  const name = flags.string('name') || obj.metadata.name;
  const typeFlag = flags.string('type');
  const type = TYPES.find((t) => t === typeFlag);
  if (typeFlag && !type) unsupported(name, 'spec.type', typeFlag, TYPES);
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}) },
    spec: { ports: servicePorts(flags, name, portsOf(obj)), selector, ...(type ? { type } : {}) },
  };
  const created = must(inv.host.api.create(inv.req, 'services', obj.metadata.namespace, svc));
  inv.proc.out(`${kindName(resourceByName('services')!, created.metadata.name)} exposed`);
  return 0;
}

export const exposeVerb: Verb = {
  name: 'expose',
  group: VerbGroup.Beginner,
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: [
    'Expose a resource as a new Kubernetes service.',
    '',
    'Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.',
  ].join('\n'),
  usage: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--type=type] [options]',
  examples: ['# Create a service for a deployment web, serving on port 80 and connecting to the containers on port 8000', 'kubectl expose deployment web --port=80 --target-port=8000'].join('\n'),
  flags: [
    { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'protocol', type: 'string', usage: 'The network protocol for the service to be created. Default is \'TCP\'.' },
    { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
    { name: 'labels', short: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'selector', type: 'string', usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' },
  ],
  run: runExpose,
};
