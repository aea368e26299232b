import { resourceByName } from '../../api/resources';
import type { ConfigMap, Deployment, KubeObject, Namespace } from '../../api/types';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { withLastApplied } from './apply/apply-object';
import { must, statusLines } from './errors';
import { loadFiles } from './manifest-files';
import { kindName, objectNamespace } from './names';
import { FILENAME_FLAG, namespaceOf, VerbGroup, type Verb } from './verb';

function createFromFiles(inv: Invocation, flags: ParsedFlags): ExitCode {
  const explicitNs = flags.has('namespace') ? flags.string('namespace') : undefined;
  const errors: string[] = [];
  for (const f of loadFiles(inv, flags.strings('filename'), 'create')) {
    const namespaces = f.objects.map((mo) => objectNamespace(mo.resource, mo.object, explicitNs));
    f.objects.forEach((mo, i) => {
      const ns = namespaces[i];
      const body = flags.bool('save-config') ? withLastApplied(mo.object, ns) : mo.object;
      const res = inv.host.api.create(inv.req, mo.resource.resource, ns, body);
      if (res.ok) inv.proc.out(`${kindName(mo.resource, res.value.metadata.name)} created`);
      else errors.push(...statusLines(res.status, { verb: 'creating', file: f.name }));
    });
  }
  for (const e of errors) inv.proc.err(e);
  return errors.length > 0 ? 1 : 0;
}

function exactlyOneName(flags: ParsedFlags): string {
  if (flags.args.length !== 1) fail(`error: exactly one NAME is required, got ${flags.args.length}`);
  return flags.args[0]!;
}

/** Creates one generated object; `wrap` is kubectl's `failed to create <kind>` prefix where it uses one. */
function createObject(inv: Invocation, resource: string, namespace: string | undefined, obj: KubeObject, wrap?: string): ExitCode {
  const r = resourceByName(resource)!;
  const res = inv.host.api.create(inv.req, resource, namespace, obj);
  if (!res.ok && wrap) fail(`error: failed to create ${wrap}: ${res.status.message}`);
  const created = must(res);
  inv.proc.out(`${kindName(r, created.metadata.name)} created`);
  return 0;
}

/** kubectl create deployment's container name: the image's last path part without tag or digest. */
export function containerNameFor(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split(':')[0]!.split('@')[0]!.replace(/_/g, '-');
}

const createDeployment: Verb = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  usage: 'kubectl create deployment NAME --image=image [--replicas=1] [--port=port] [options]',
  flags: [
    { name: 'image', type: 'stringSlice', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
  ],
  run(inv, flags) {
    const name = exactlyOneName(flags);
    const images = flags.strings('image');
    if (images.length === 0) fail('error: required flag(s) "image" not set');
    const labels = { app: name };
    const port = flags.int('port') ?? -1;
    const containers = images.map((image, i) => ({
      name: containerNameFor(image),
      image,
      resources: {},
      ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    }));
    const deploy: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: { replicas: flags.int('replicas') ?? 1, selector: { matchLabels: labels }, strategy: {}, template: { metadata: { labels }, spec: { containers } } },
    };
    return createObject(inv, 'deployments', namespaceOf(flags), deploy, 'deployment');
  },
};

const createNamespace: Verb = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  usage: 'kubectl create namespace NAME [options]',
  flags: [],
  run(inv, flags) {
    const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: exactlyOneName(flags) }, spec: {}, status: {} };
    return createObject(inv, 'namespaces', undefined, ns);
  },
};

const createConfigMap: Verb = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  usage: 'kubectl create configmap NAME [--from-literal=key1=value1] [options]',
  flags: [{ name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' }],
  run(inv, flags) {
    const data: Record<string, string> = {};
    for (const kv of flags.strings('from-literal')) {
      const eq = kv.indexOf('=');
      if (eq <= 0) fail(`error: invalid literal source ${kv}, expected key=value`);
      data[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: exactlyOneName(flags) }, data };
    return createObject(inv, 'configmaps', namespaceOf(flags), cm, 'configmap');
  },
};

export const createVerb: Verb = {
  name: 'create',
  group: VerbGroup.Beginner,
  short: 'Create a resource from a file or from stdin',
  long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
  usage: 'kubectl create -f FILENAME [options]',
  examples: ['# Create the objects in web.yaml (a file of the scenario)', 'kubectl create -f web.yaml', '', '# Create a deployment named web that runs the nginx image', 'kubectl create deployment web --image=nginx'].join('\n'),
  flags: [FILENAME_FLAG, { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' }],
  subcommands: [createDeployment, createNamespace, createConfigMap],
  run(inv, flags) {
    if (flags.strings('filename').length === 0) {
      if (flags.args.length > 0) fail(`error: unknown command "${flags.args[0]}" for "kubectl create"`, "Run 'kubectl create --help' for usage.");
      fail('error: must specify one of -f and -k');
    }
    return createFromFiles(inv, flags);
  },
};
