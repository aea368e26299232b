import type { Chart } from './chart';
import { formatManifests, sortManifests, type HelmHook, type Manifest } from './manifests';
import { renderRoot, type CapabilitiesInput, type ReleaseInfo } from './render-context';
import { TemplateExecError, TemplateParseError } from './template/errors';
import { HELM_FUNC_MAP } from './template/funcs';
import { DEFAULT_LIMITS, type RenderLimits } from './template/state';
import { newBudget, TemplateSet } from './template/template-set';
import type { GoMap } from './template/value';

/**
 * Helm's engine (pkg/engine/engine.go): parse every template of the chart into one set,
 * execute each non-partial file with `.Template` set to it, strip `<no value>`, and turn
 * Go template errors into Helm's wording (`parse error at (…)`, `execution error at (…)`).
 */

export type RenderFilesResult = { ok: true; files: Map<string, string> } | { ok: false; error: string };

/** engine.go sortTemplates: deeper paths first, then reverse lexical order. */
function sortTemplates(names: readonly string[]): string[] {
  const depth = (s: string) => s.split('/').length - 1;
  return [...names].sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

function cleanupParseError(file: string, e: TemplateParseError): string {
  const tokens = e.message.split(': ');
  if (tokens.length === 1) return `parse error in (${file}): ${e.message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

function cleanupExecError(file: string, e: TemplateExecError): string {
  const tokens = e.message.split(': ');
  if (tokens.length < 3) return `execution error in (${file}): ${e.message}`;
  if (e.fail !== undefined) return `execution error at (${tokens[1]}): ${e.fail}`;
  return e.message;
}

/** Renders every template file of `chart`; returns `{path: text}` for files that are not partials. */
export function renderFiles(chart: Chart, values: GoMap, release: ReleaseInfo, caps: CapabilitiesInput = {}, limits: RenderLimits = DEFAULT_LIMITS): RenderFilesResult {
  const set = new TemplateSet(HELM_FUNC_MAP);
  const root = renderRoot(chart, values, release, caps);
  const byName = new Map(chart.templates.map((t) => [`${chart.metadata.name}/${t.name}`, t.data]));
  const order = sortTemplates([...byName.keys()]);
  for (const name of order) {
    try {
      set.parse(name, byName.get(name) ?? '');
    } catch (e) {
      if (e instanceof TemplateParseError) return { ok: false, error: cleanupParseError(name, e) };
      throw e;
    }
  }
  const budget = newBudget(limits);
  const files = new Map<string, string>();
  for (const name of order) {
    if (name.slice(name.lastIndexOf('/') + 1).startsWith('_')) continue;
    root['Template'] = { Name: name, BasePath: `${chart.metadata.name}/templates` };
    try {
      files.set(name, set.execute(name, root, budget).replaceAll('<no value>', ''));
    } catch (e) {
      if (e instanceof TemplateExecError) return { ok: false, error: cleanupExecError(name, e) };
      throw e;
    }
  }
  return { ok: true, files };
}

export interface RenderedRelease {
  /** Ordered for install (InstallOrder, stable within a kind). */
  readonly manifests: Manifest[];
  readonly hooks: HelmHook[];
  /** Rendered NOTES.txt ('' when the chart has none). */
  readonly notes: string;
  /** The release manifest text (`helm get manifest`). */
  readonly manifestText: string;
}

export type RenderChartResult = { ok: true; release: RenderedRelease } | { ok: false; error: string };

/** Renders a chart for a release: templates, then documents split, hooks apart, kinds ordered. */
export function renderChart(chart: Chart, values: GoMap, release: ReleaseInfo, caps: CapabilitiesInput = {}, limits: RenderLimits = DEFAULT_LIMITS): RenderChartResult {
  const rendered = renderFiles(chart, values, release, caps, limits);
  if (!rendered.ok) return rendered;
  const notesName = `${chart.metadata.name}/templates/NOTES.txt`;
  const notes = rendered.files.get(notesName) ?? '';
  const files = new Map([...rendered.files].filter(([name]) => !name.endsWith('NOTES.txt')));
  const sorted = sortManifests(files);
  if (!sorted.ok) return sorted;
  return { ok: true, release: { manifests: sorted.manifests, hooks: sorted.hooks, notes, manifestText: formatManifests(sorted.manifests) } };
}
