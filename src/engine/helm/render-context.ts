import { RESOURCES, apiVersionOf } from '../api/resources';
import { KUBERNETES_VERSION } from '../cluster/cluster-spec';
import type { Chart, ChartMetadata } from './chart';
import { GoStruct, toGoValue, type GoMap, type GoValue } from './template/value';

/** The objects a chart template sees besides `.Values`: `.Release`, `.Chart`, `.Capabilities`, `.Files`. */

export interface ReleaseInfo {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly isInstall: boolean;
  readonly isUpgrade: boolean;
}

export interface CapabilitiesInput {
  /** `v1.34.1` */
  readonly kubeVersion?: string;
  /** `apps/v1` and `apps/v1/Deployment` style entries; defaults to the sandbox API's resources. */
  readonly apiVersions?: readonly string[];
}

/** The Helm version `.Capabilities.HelmVersion` reports. */
export const HELM_VERSION = 'v3.19.0';

/** `group/version` and `group/version/Kind` for every resource the sandbox API serves. */
export const DEFAULT_API_VERSIONS: readonly string[] = (() => {
  const set = new Set<string>();
  for (const r of RESOURCES) {
    set.add(apiVersionOf(r));
    set.add(`${apiVersionOf(r)}/${r.kind}`);
  }
  return [...set].sort();
})();

function metadataStruct(m: ChartMetadata): GoStruct {
  const fields = new Map<string, GoValue>([
    ['Name', m.name],
    ['Version', m.version],
    ['AppVersion', m.appVersion ?? ''],
    ['Description', m.description ?? ''],
    ['APIVersion', m.apiVersion],
    ['Type', m.type ?? ''],
    ['KubeVersion', m.kubeVersion ?? ''],
    ['Home', m.home ?? ''],
    ['Icon', m.icon ?? ''],
    ['Keywords', [...(m.keywords ?? [])]],
    ['Sources', [...(m.sources ?? [])]],
    ['Maintainers', toGoValue(m.maintainers ?? [])],
    ['Annotations', toGoValue(m.annotations ?? {})],
    ['Deprecated', m.deprecated ?? false],
  ]);
  return new GoStruct('*chart.Metadata', fields);
}

function capabilitiesStruct(caps: CapabilitiesInput): GoStruct {
  const version = caps.kubeVersion ?? KUBERNETES_VERSION;
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  const kube = new GoStruct(
    'chartutil.KubeVersion',
    new Map<string, GoValue>([
      ['Version', version],
      ['Major', m?.[1] ?? ''],
      ['Minor', m?.[2] ?? ''],
      ['GitVersion', version],
    ]),
    new Map(),
    version,
  );
  const versions = new Set(caps.apiVersions ?? DEFAULT_API_VERSIONS);
  const apiVersions = new GoStruct(
    'chartutil.VersionSet',
    new Map(),
    new Map([['Has', (args: readonly GoValue[]) => typeof args[0] === 'string' && versions.has(args[0])]]),
    `[${[...versions].join(' ')}]`,
  );
  const helm = new GoStruct('chartutil.HelmVersion', new Map<string, GoValue>([['Version', HELM_VERSION], ['GoVersion', 'go1.24']]), new Map(), HELM_VERSION);
  return new GoStruct('*chartutil.Capabilities', new Map<string, GoValue>([['KubeVersion', kube], ['APIVersions', apiVersions], ['HelmVersion', helm]]));
}

function filesStruct(chart: Chart): GoStruct {
  const byName = new Map(chart.files.map((f) => [f.name, f.data]));
  const get = (args: readonly GoValue[]): GoValue => (typeof args[0] === 'string' ? (byName.get(args[0]) ?? '') : '');
  const lines = (args: readonly GoValue[]): GoValue => {
    const text = typeof args[0] === 'string' ? byName.get(args[0]) : undefined;
    return text === undefined ? [] : text.split('\n');
  };
  return new GoStruct('chartutil.Files', new Map(), new Map([['Get', get], ['GetBytes', get], ['Lines', lines]]));
}

/** The top-level `.` for every template of a render (`.Template` is filled per file). */
export function renderRoot(chart: Chart, values: GoMap, release: ReleaseInfo, caps: CapabilitiesInput = {}): GoMap {
  return {
    Values: values,
    Release: {
      Name: release.name,
      Namespace: release.namespace,
      IsUpgrade: release.isUpgrade,
      IsInstall: release.isInstall,
      Revision: BigInt(release.revision),
      Service: 'Helm',
    },
    Chart: metadataStruct(chart.metadata),
    Capabilities: capabilitiesStruct(caps),
    Files: filesStruct(chart),
    Subcharts: {},
    Template: { Name: '', BasePath: `${chart.metadata.name}/templates` },
  };
}
