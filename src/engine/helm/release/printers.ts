import { uitable } from '../uitable';
import { coalesceValues } from '../values';
import { marshalYaml } from '../yaml/emit';
import { ansic, goTimeString } from './gotime';
import { appVersion, chartName, type Release } from './release';

/** What Helm prints about releases (cmd/helm/status.go, list.go, history.go, get_values.go). */

/** The status block `install`, `upgrade` and `status` print. */
export function statusText(rel: Release, opts: { showDescription?: boolean; hideNotes?: boolean } = {}): string {
  const lines = [`NAME: ${rel.name}`];
  if (rel.info.lastDeployed !== undefined) lines.push(`LAST DEPLOYED: ${ansic(rel.info.lastDeployed)}`);
  lines.push(`NAMESPACE: ${rel.namespace}`, `STATUS: ${rel.info.status}`, `REVISION: ${rel.version}`);
  if (opts.showDescription) lines.push(`DESCRIPTION: ${rel.info.description}`);
  const tests = rel.hooks.filter((h) => h.events.includes('test') && h.lastRun.phase !== undefined);
  if (tests.length === 0) lines.push('TEST SUITE: None');
  else {
    for (const h of tests) {
      lines.push(`TEST SUITE:     ${h.name}`);
      lines.push(`Last Started:   ${h.lastRun.startedAt === undefined ? '' : ansic(h.lastRun.startedAt)}`);
      lines.push(`Last Completed: ${h.lastRun.completedAt === undefined ? '' : ansic(h.lastRun.completedAt)}`);
      lines.push(`Phase:          ${h.lastRun.phase ?? ''}`);
    }
  }
  // A dry run shows what it would have sent: hooks, then the manifest (which ends with a newline).
  if (rel.info.description === DRY_RUN_DESCRIPTION) {
    lines.push('HOOKS:');
    for (const h of rel.hooks) lines.push(`---\n# Source: ${h.path}\n${h.manifest}`);
    lines.push(`MANIFEST:\n${rel.manifest}`);
  }
  if (!opts.hideNotes && rel.info.notes.length > 0) lines.push('NOTES:', rel.info.notes.trim());
  return lines.join('\n');
}

/** pkg/action/install.go: the description of a release that `--dry-run` built and never stored. */
export const DRY_RUN_DESCRIPTION = 'Dry run complete';

/** `helm list`: uitable columns joined by TABs. */
export function listTable(rels: readonly Release[], noHeaders = false): string {
  const rows = rels.map((r) => [r.name, r.namespace, String(r.version), goTimeString(r.info.lastDeployed), r.info.status, chartName(r), appVersion(r)]);
  return uitable(noHeaders ? rows : [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'], ...rows]);
}

/** `helm history`: oldest first, the newest `max` revisions, UPDATED in time.ANSIC. */
export function historyTable(rels: readonly Release[], max = 256): string {
  const shown = [...rels].sort((a, b) => a.version - b.version).slice(-max);
  const rows = shown.map((r) => [String(r.version), ansic(r.info.lastDeployed), r.info.status, chartName(r), appVersion(r), r.info.description]);
  return uitable([['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], ...rows], 60);
}

/** `helm get values [--all]`: the header, then the values as YAML (`null` when none were given). */
export function valuesText(rel: Release, all: boolean): string {
  if (all) return `COMPUTED VALUES:\n${marshalYaml(coalesceValues(rel.chart.values, rel.config).values)}`;
  const body = Object.keys(rel.config).length === 0 ? 'null\n' : marshalYaml(rel.config);
  return `USER-SUPPLIED VALUES:\n${body}`;
}
