import { apiVersionOf, RESOURCES } from '../../api/resources';
import type { Service } from '../../api/types';
import { KUBERNETES_VERSION } from '../../cluster/cluster-spec';
import { formatTable } from '../format/tabwriter';
import { toJson, toYaml } from '../format/output';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { must } from './errors';
import { OUTPUT_FLAG, VerbGroup, type Verb } from './verb';

const KUSTOMIZE_VERSION = 'v5.7.1';
const SERVER = 'https://127.0.0.1:6443';

function versionInfo(): Record<string, string> {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return { major: major ?? '1', minor: minor ?? '0', gitVersion: KUBERNETES_VERSION, goVersion: 'go1.24.6', compiler: 'gc', platform: 'linux/amd64' };
}

export const versionVerb: Verb = {
  name: 'version',
  group: VerbGroup.Other,
  short: 'Print the client and server version information',
  usage: 'kubectl version [flags] [options]',
  flags: [{ name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' }, OUTPUT_FLAG],
  run(inv: Invocation, flags: ParsedFlags): ExitCode {
    const client = flags.bool('client');
    const output = flags.string('output') ?? '';
    if (output === 'json' || output === 'yaml') {
      const doc: Record<string, unknown> = { clientVersion: versionInfo(), kustomizeVersion: KUSTOMIZE_VERSION };
      if (!client) doc.serverVersion = versionInfo();
      inv.proc.out(output === 'json' ? toJson(doc) : toYaml(doc));
      return 0;
    }
    if (output !== '') fail(`error: --output must be 'yaml' or 'json'`);
    const lines = [`Client Version: ${KUBERNETES_VERSION}`, `Kustomize Version: ${KUSTOMIZE_VERSION}`];
    if (!client) lines.push(`Server Version: ${KUBERNETES_VERSION}`);
    inv.proc.out(lines.join('\n'));
    return 0;
  },
};

export const clusterInfoVerb: Verb = {
  name: 'cluster-info',
  group: VerbGroup.Cluster,
  short: 'Display cluster information',
  long: 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.',
  usage: 'kubectl cluster-info [flags] [options]',
  flags: [],
  run(inv: Invocation): ExitCode {
    const services = must(inv.host.api.list<Service>(inv.req, 'services', { namespace: 'kube-system' })).items;
    const lines = [`Kubernetes control plane is running at ${SERVER}`];
    for (const svc of services) {
      const labels = svc.metadata.labels ?? {};
      if (labels['kubernetes.io/cluster-service'] !== 'true' && !labels['kubernetes.io/name']) continue;
      const name = labels['kubernetes.io/name'] ?? svc.metadata.name;
      const port = svc.spec?.ports?.[0];
      const portPart = port?.name ? `:${port.name}` : '';
      lines.push(`${name} is running at ${SERVER}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portPart}/proxy`);
    }
    lines.push('', "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
    inv.proc.out(lines.join('\n'));
    return 0;
  },
};

export const apiResourcesVerb: Verb = {
  name: 'api-resources',
  group: VerbGroup.Other,
  short: 'Print the supported API resources on the server',
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    OUTPUT_FLAG,
    { name: 'namespaced', type: 'string', usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
  ],
  run(inv: Invocation, flags: ParsedFlags): ExitCode {
    const output = flags.string('output') ?? '';
    const ns = flags.string('namespaced');
    const group = flags.has('api-group') ? flags.string('api-group') : undefined;
    const list = RESOURCES.filter((r) => (ns === undefined || String(r.namespaced) === ns) && (group === undefined || r.group === group))
      .slice()
      .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
    if (output === 'name') {
      inv.proc.out(list.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)).join('\n'));
      return 0;
    }
    const wide = output === 'wide';
    const rows = list.map((r) => {
      const row = [r.resource, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
      if (wide) row.push('create,delete,deletecollection,get,list,patch,update,watch');
      return row;
    });
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS'] : [])];
    inv.proc.out(formatTable(flags.bool('no-headers') ? rows : [header, ...rows]).join('\n'));
    return 0;
  },
};
