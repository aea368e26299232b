import { loadChart, type ChartFiles } from '../chart';
import { renderChart, type RenderedRelease } from '../render';
import type { ReleaseInfo } from '../render-context';
import { parseYaml } from '../yaml/parse';
import { isMap, mapGet, type GoMap, type GoValue } from '../template/value';
import { coalesceValues, mergeUserValues } from '../values';

/** Test helper: install-like render of a built-in chart with `--set` style values. */
export function renderWith(files: ChartFiles, sets: string[], release: Partial<ReleaseInfo> = {}, valuesYaml?: string): { ok: true; release: RenderedRelease } | { ok: false; error: string } {
  const c = loadChart(files);
  if (!c.ok) return c;
  const user = mergeUserValues({ sets, files: valuesYaml ? [{ name: 'values.yaml', text: valuesYaml }] : [] });
  if (!user.ok) return user;
  const { values } = coalesceValues(c.chart.values, user.values);
  return renderChart(c.chart, values, { name: 'otel', namespace: 'observability', revision: 1, isInstall: true, isUpgrade: false, ...release });
}

/** Every rendered document re-parsed from its text, with its identity. */
export function documents(r: RenderedRelease): { kind: string; name: string; obj: GoMap }[] {
  return r.manifests.map((m) => {
    const parsed = parseYaml(m.content);
    if (!parsed.ok || !isMap(parsed.value)) throw new Error(`document from ${m.name} does not parse: ${parsed.ok ? 'not a map' : parsed.error}`);
    const meta = mapGet(parsed.value, 'metadata');
    const name = isMap(meta) ? mapGet(meta, 'name') : undefined;
    const apiVersion = mapGet(parsed.value, 'apiVersion');
    const kind = mapGet(parsed.value, 'kind');
    if (typeof name !== 'string' || typeof apiVersion !== 'string' || typeof kind !== 'string') throw new Error(`document from ${m.name} lacks apiVersion/kind/metadata.name`);
    return { kind, name, obj: parsed.value };
  });
}

/** Reads a dotted path (`spec.template.spec`, list indexes as numbers) out of a parsed manifest. */
export function at(obj: GoMap, path: string): GoValue | undefined {
  let cur: GoValue | undefined = obj;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (isMap(cur)) cur = mapGet(cur, part);
    else return undefined;
  }
  return cur;
}
