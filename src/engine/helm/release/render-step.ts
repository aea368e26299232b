import type { Chart } from '../chart';
import { renderChart, type RenderedRelease } from '../render';
import type { ReleaseInfo as RenderReleaseInfo } from '../render-context';
import type { GoMap } from '../template/value';
import { coalesceValues } from '../values';
import { logPhase, type HelmContext } from './context';

/**
 * Load → merge → render, as one step of install / upgrade / template, with each part
 * marked in the interaction log (`load chart …`, `merge values (…)`, `render N templates`).
 */

/** The user's values and where they came from (for the log). */
export interface UserValues {
  readonly values: GoMap;
  readonly files: number;
  readonly sets: number;
}

export type RenderStep = { ok: true; rendered: RenderedRelease; warnings: string[] } | { ok: false; error: string };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderStep(ctx: HelmContext, chart: Chart, user: UserValues, release: RenderReleaseInfo, merged?: GoMap): RenderStep {
  const meta = chart.metadata;
  logPhase(ctx, 'render', `load chart ${meta.name}-${meta.version}`);
  logPhase(ctx, 'render', `merge values (${plural(user.files, 'file')}, ${user.sets} --set)`);
  const { values, warnings } = coalesceValues(merged ?? chart.values, user.values);
  const rendered = renderChart(chart, values, release);
  if (!rendered.ok) {
    logPhase(ctx, 'render', `render failed: ${rendered.error}`);
    return rendered;
  }
  const templates = chart.templates.filter((t) => !t.name.slice(t.name.lastIndexOf('/') + 1).startsWith('_')).length;
  const r = rendered.release;
  logPhase(ctx, 'render', `render ${plural(templates, 'template')}: ${plural(r.manifests.length, 'manifest')}, ${plural(r.hooks.length, 'hook')}, sorted by kind`);
  return { ok: true, rendered: r, warnings };
}
