import { loadChart, type ChartFiles, type ChartMetadata } from './chart';
import { SPLUNK_OTEL_COLLECTOR_CHART } from './charts/splunk-otel-collector';
import { WEBAPP_CHART } from './charts/webapp';
import { parseSemver, compareSemver } from './template/funcs/semver';
import { toGoValue, type GoMap } from './template/value';
import { uitable } from './uitable';
import { marshalYaml } from './yaml/emit';

/**
 * The chart repositories the sandbox knows (no network: `helm repo add` only accepts these
 * URLs) and the text `helm repo …`, `helm search repo` and `helm show …` print.
 */

export interface KnownRepository {
  readonly url: string;
  readonly charts: readonly ChartFiles[];
}

/** Repositories a user has added: name → URL, in the order added. */
export interface RepoEntry {
  readonly name: string;
  readonly url: string;
}

export const KNOWN_REPOSITORIES: readonly (KnownRepository & { readonly suggestedName: string })[] = [
  { suggestedName: 'splunk-otel-collector-chart', url: 'https://signalfx.github.io/splunk-otel-collector-chart', charts: [SPLUNK_OTEL_COLLECTOR_CHART] },
  { suggestedName: 'sandbox', url: 'https://charts.example.com/sandbox', charts: [WEBAPP_CHART] },
];

/** What a fresh sandbox has after the scenario's `helm repo add` steps. */
export const DEFAULT_REPOS: readonly RepoEntry[] = KNOWN_REPOSITORIES.map((r) => ({ name: r.suggestedName, url: r.url }));

export type CommandText = { ok: true; output: string } | { ok: false; error: string };

function known(url: string): KnownRepository | undefined {
  const clean = url.replace(/\/+$/, '');
  return KNOWN_REPOSITORIES.find((r) => r.url === clean);
}

function metadataOf(files: ChartFiles): ChartMetadata | undefined {
  const r = loadChart(files);
  return r.ok ? r.chart.metadata : undefined;
}

export function repoAdd(repos: readonly RepoEntry[], name: string, url: string): { ok: true; repos: RepoEntry[]; output: string } | { ok: false; error: string } {
  const existing = repos.find((r) => r.name === name);
  if (existing && existing.url === url) return { ok: true, repos: [...repos], output: `"${name}" already exists with the same configuration, skipping\n` };
  if (existing) return { ok: false, error: `repository name (${name}) already exists, please specify a different name` };
  if (!known(url)) return { ok: false, error: `looks like "${url}" is not a valid chart repository or cannot be reached: failed to fetch ${url.replace(/\/+$/, '')}/index.yaml : 404 Not Found` };
  return { ok: true, repos: [...repos, { name, url }], output: `"${name}" has been added to your repositories\n` };
}

export function repoRemove(repos: readonly RepoEntry[], name: string): { ok: true; repos: RepoEntry[]; output: string } | { ok: false; error: string } {
  if (!repos.some((r) => r.name === name)) return { ok: false, error: `no repo named "${name}" found` };
  return { ok: true, repos: repos.filter((r) => r.name !== name), output: `"${name}" has been removed from your repositories\n` };
}

export function repoList(repos: readonly RepoEntry[]): CommandText {
  if (repos.length === 0) return { ok: false, error: 'no repositories to show' };
  return { ok: true, output: `${uitable([['NAME', 'URL'], ...repos.map((r) => [r.name, r.url])])}\n` };
}

export function repoUpdate(repos: readonly RepoEntry[]): CommandText {
  if (repos.length === 0) return { ok: false, error: 'no repositories found. You must add one before updating' };
  const lines = repos.map((r) => `...Successfully got an update from the "${r.name}" chart repository`);
  return { ok: true, output: `Hang tight while we grab the latest from your chart repositories...\n${lines.join('\n')}\nUpdate Complete. ⎈Happy Helming!⎈\n` };
}

interface IndexEntry {
  readonly ref: string;
  readonly metadata: ChartMetadata;
  readonly files: ChartFiles;
}

function index(repos: readonly RepoEntry[]): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const r of repos) {
    for (const files of known(r.url)?.charts ?? []) {
      const metadata = metadataOf(files);
      if (metadata) out.push({ ref: `${r.name}/${metadata.name}`, metadata, files });
    }
  }
  return out.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** `helm search repo [keyword]`: case-insensitive match on name, description and keywords. */
export function searchRepo(repos: readonly RepoEntry[], keyword = ''): CommandText {
  if (repos.length === 0) return { ok: false, error: 'no repositories configured' };
  const term = keyword.toLowerCase();
  const hits = index(repos).filter((e) => term === '' || [e.ref, e.metadata.description ?? '', ...(e.metadata.keywords ?? [])].join('\v').toLowerCase().includes(term));
  if (hits.length === 0) return { ok: true, output: 'No results found\n' };
  const rows = hits.map((e) => [e.ref, e.metadata.version, e.metadata.appVersion ?? '', e.metadata.description ?? '']);
  return { ok: true, output: `${uitable([['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], ...rows], 50)}\n` };
}

export type ResolveResult = { ok: true; ref: string; files: ChartFiles; metadata: ChartMetadata } | { ok: false; error: string };

/** Finds `repo/chart` (optionally `--version`) among the added repositories. */
export function resolveChart(repos: readonly RepoEntry[], ref: string, version?: string): ResolveResult {
  const slash = ref.indexOf('/');
  if (slash <= 0) return { ok: false, error: `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}` };
  const repo = ref.slice(0, slash);
  const chart = ref.slice(slash + 1);
  if (!repos.some((r) => r.name === repo)) return { ok: false, error: `repo ${repo} not found` };
  const candidates = index(repos.filter((r) => r.name === repo)).filter((e) => e.metadata.name === chart);
  if (candidates.length === 0) return { ok: false, error: `chart "${chart}" not found in ${repo} index. (try 'helm repo update'): no chart name found` };
  const wanted = version ? candidates.filter((e) => matchesVersion(e.metadata.version, version)) : candidates;
  const best = wanted.sort((a, b) => compareVersions(b.metadata.version, a.metadata.version))[0];
  if (!best) return { ok: false, error: `chart "${chart}" matching ${version} not found in ${repo} index. (try 'helm repo update'): no chart version found for ${chart}-${version}` };
  return { ok: true, ref, files: best.files, metadata: best.metadata };
}

function matchesVersion(have: string, want: string): boolean {
  return have === want.replace(/^v/, '') || have === want;
}

function compareVersions(a: string, b: string): number {
  const va = parseSemver(a);
  const vb = parseSemver(b);
  return va && vb ? compareSemver(va, vb) : 0;
}

/** `helm show chart`: Chart.yaml re-marshalled (keys sorted, empty fields left out). */
export function showChart(metadata: ChartMetadata): string {
  const m: GoMap = {};
  for (const [k, v] of Object.entries(metadata)) {
    const g = toGoValue(v);
    if (g !== null && g !== '' && g !== false && !(Array.isArray(g) && g.length === 0)) m[k] = g;
  }
  return `${marshalYaml(m)}\n`;
}

/** `helm show values`: values.yaml as the chart ships it. */
export function showValues(valuesText: string): string {
  return `${valuesText}\n`;
}
