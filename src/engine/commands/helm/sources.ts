import { loadChart, type Chart } from '../../helm/chart';
import { DEFAULT_REPOS, resolveChart, type RepoEntry } from '../../helm/repo';
import { mergeUserValues } from '../../helm/values';
import type { UserValues } from '../../helm/release/render-step';
import type { CommandHost } from '../host';
import type { ParsedFlags } from '../shell/flags';

/**
 * Where helm's inputs come from in the sandbox: the repositories the user added (Helm's
 * repositories.yaml, kept per cluster), charts in the scenario's files (`./mychart/…`),
 * and `-f` value files from the scenario's files.
 */

const repoState = new WeakMap<CommandHost, RepoEntry[]>();

export function reposOf(host: CommandHost): RepoEntry[] {
  let repos = repoState.get(host);
  if (!repos) {
    repos = [...DEFAULT_REPOS];
    repoState.set(host, repos);
  }
  return repos;
}

export function setRepos(host: CommandHost, repos: readonly RepoEntry[]): void {
  repoState.set(host, [...repos]);
}

export type ChartResult = { ok: true; chart: Chart } | { ok: false; error: string };

/** A chart directory among the scenario's files: `mychart/Chart.yaml`, `mychart/templates/…`. */
function localChart(host: CommandHost, ref: string): ChartResult | undefined {
  const dir = ref.replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (dir === '' || !host.files.has(`${dir}/Chart.yaml`)) return undefined;
  const files: Record<string, string> = {};
  for (const [name, text] of host.files) {
    if (name.startsWith(`${dir}/`)) files[name.slice(dir.length + 1)] = text;
  }
  const loaded = loadChart({ files });
  return loaded.ok ? { ok: true, chart: loaded.chart } : { ok: false, error: loaded.error };
}

/** ChartPathOptions.LocateChart + loader.Load: a local chart directory first, then `repo/chart`. */
export function locateChart(host: CommandHost, ref: string, version: string | undefined): ChartResult {
  const local = localChart(host, ref.trim());
  if (local) return local;
  if (ref.startsWith('.') || ref.startsWith('/')) return { ok: false, error: `path ${JSON.stringify(ref)} not found` };
  const found = resolveChart(reposOf(host), ref.trim(), version?.trim() || undefined);
  if (!found.ok) return found;
  const loaded = loadChart(found.files);
  return loaded.ok ? { ok: true, chart: loaded.chart } : { ok: false, error: loaded.error };
}

/** `-f` files and `--set` values, merged as pkg/cli/values does. */
export function userValues(host: CommandHost, flags: ParsedFlags): { ok: true; values: UserValues } | { ok: false; error: string } {
  const names = flags.strings('values');
  const files: { name: string; text: string }[] = [];
  for (const name of names) {
    if (/^https?:\/\//.test(name)) return { ok: false, error: `failed to fetch ${name}: this sandbox never leaves the page; put the values in the scenario's files` };
    const text = host.files.get(name);
    if (text === undefined) return { ok: false, error: `open ${name}: no such file or directory` };
    files.push({ name, text });
  }
  const sets = flags.strings('set');
  const setStrings = flags.strings('set-string');
  const merged = mergeUserValues({ files, sets, setStrings });
  if (!merged.ok) return merged;
  return { ok: true, values: { values: merged.values, files: files.length, sets: sets.length + setStrings.length } };
}
