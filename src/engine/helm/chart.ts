import { parseYaml } from './yaml/parse';
import { parseSemver } from './template/funcs/semver';
import { isMap, mapGet, type GoMap, type GoValue } from './template/value';

/**
 * A chart is data: `{ files: { 'Chart.yaml': …, 'values.yaml': …, 'templates/x.yaml': … } }`.
 * `loadChart` validates it the way Helm's loader and `Metadata.Validate` do and returns the
 * parts the renderer needs. Paths are relative to the chart root.
 */

export interface ChartFiles {
  readonly files: Readonly<Record<string, string>>;
}

export interface ChartMaintainer {
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

/** Chart.yaml fields (chart.Metadata), the ones charts in this sandbox use. */
export interface ChartMetadata {
  readonly apiVersion: string;
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly description?: string;
  readonly type?: string;
  readonly kubeVersion?: string;
  readonly home?: string;
  readonly icon?: string;
  readonly keywords?: readonly string[];
  readonly sources?: readonly string[];
  readonly maintainers?: readonly ChartMaintainer[];
  readonly annotations?: Readonly<Record<string, string>>;
  readonly deprecated?: boolean;
}

export interface ChartFile {
  /** Path relative to the chart root (`templates/deployment.yaml`). */
  readonly name: string;
  readonly data: string;
}

export interface Chart {
  readonly metadata: ChartMetadata;
  /** Parsed values.yaml (every number a float64, as Helm reads it). */
  readonly values: GoMap;
  /** values.yaml exactly as written (`helm show values`). */
  readonly valuesText: string;
  readonly templates: readonly ChartFile[];
  /** Everything else (`.Files`): README, LICENSE, config files… */
  readonly files: readonly ChartFile[];
}

export interface ChartLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
}

export const DEFAULT_CHART_LIMITS: ChartLimits = { maxFiles: 500, maxFileBytes: 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 };

export type LoadResult = { ok: true; chart: Chart } | { ok: false; error: string };

const NAME = /^[a-zA-Z0-9._-]+$/;

function stringField(m: GoMap, key: string): string | undefined {
  const v = mapGet(m, key);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : undefined;
}

function stringList(v: GoValue | undefined): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function stringMap(v: GoValue | undefined): Record<string, string> | undefined {
  if (!isMap(v)) return undefined;
  const out: Record<string, string> = {};
  for (const k of Object.keys(v)) {
    const f = v[k];
    if (typeof f === 'string') out[k] = f;
  }
  return out;
}

function maintainers(v: GoValue | undefined): ChartMaintainer[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(isMap).map((m) => ({
    name: stringField(m, 'name') ?? '',
    ...(stringField(m, 'email') ? { email: stringField(m, 'email') } : {}),
    ...(stringField(m, 'url') ? { url: stringField(m, 'url') } : {}),
  }));
}

/** Chart.yaml → metadata, with Helm's validation messages (`validation: chart.metadata.name is required`). */
export function parseChartYaml(text: string): { ok: true; metadata: ChartMetadata } | { ok: false; error: string } {
  const r = parseYaml(text);
  if (!r.ok) return { ok: false, error: `cannot load Chart.yaml: error converting YAML to JSON: ${r.error}` };
  if (!isMap(r.value)) return { ok: false, error: 'cannot load Chart.yaml: Chart.yaml is not a YAML mapping' };
  const m = r.value;
  const apiVersion = stringField(m, 'apiVersion') ?? '';
  const name = stringField(m, 'name') ?? '';
  const version = stringField(m, 'version') ?? '';
  const type = stringField(m, 'type');
  if (apiVersion === '') return { ok: false, error: 'validation: chart.metadata.apiVersion is required' };
  if (apiVersion !== 'v1' && apiVersion !== 'v2') return { ok: false, error: `validation: chart.metadata.apiVersion ${JSON.stringify(apiVersion)} is not valid` };
  if (name === '') return { ok: false, error: 'validation: chart.metadata.name is required' };
  if (!NAME.test(name) || name === '.' || name === '..') return { ok: false, error: `validation: chart.metadata.name ${JSON.stringify(name)} is invalid` };
  if (version === '') return { ok: false, error: 'validation: chart.metadata.version is required' };
  if (!parseSemver(version)) return { ok: false, error: `validation: chart.metadata.version ${JSON.stringify(version)} is invalid` };
  if (type !== undefined && type !== '' && type !== 'application' && type !== 'library') return { ok: false, error: 'validation: chart.metadata.type must be application or library' };
  const optional = {
    appVersion: stringField(m, 'appVersion'),
    description: stringField(m, 'description'),
    type,
    kubeVersion: stringField(m, 'kubeVersion'),
    home: stringField(m, 'home'),
    icon: stringField(m, 'icon'),
    keywords: stringList(mapGet(m, 'keywords')),
    sources: stringList(mapGet(m, 'sources')),
    maintainers: maintainers(mapGet(m, 'maintainers')),
    annotations: stringMap(mapGet(m, 'annotations')),
    deprecated: mapGet(m, 'deprecated') === true ? true : undefined,
  };
  const metadata: ChartMetadata = { apiVersion, name, version };
  return { ok: true, metadata: Object.assign(metadata, Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined))) };
}

function checkFiles(files: Readonly<Record<string, string>>, limits: ChartLimits): string | undefined {
  const names = Object.keys(files);
  if (names.length > limits.maxFiles) return `chart has ${names.length} files, more than the ${limits.maxFiles} allowed`;
  let total = 0;
  for (const n of names) {
    const data = files[n] ?? '';
    if (n.startsWith('/') || n.split('/').some((p) => p === '..' || p === '')) return `chart file path ${JSON.stringify(n)} is not a relative path inside the chart`;
    if (data.length > limits.maxFileBytes) return `chart file ${n} is ${data.length} bytes, more than the ${limits.maxFileBytes} allowed`;
    total += data.length;
  }
  if (total > limits.maxTotalBytes) return `chart is ${total} bytes, more than the ${limits.maxTotalBytes} allowed`;
  return undefined;
}

/** Loads a chart from its files: Chart.yaml and values.yaml parsed and checked, templates split out. */
export function loadChart(chart: ChartFiles, limits: ChartLimits = DEFAULT_CHART_LIMITS): LoadResult {
  const bad = checkFiles(chart.files, limits);
  if (bad) return { ok: false, error: bad };
  const chartYaml = chart.files['Chart.yaml'];
  if (chartYaml === undefined) return { ok: false, error: 'Chart.yaml file is missing' };
  const meta = parseChartYaml(chartYaml);
  if (!meta.ok) return meta;
  const valuesText = chart.files['values.yaml'] ?? '';
  const parsed = parseYaml(valuesText);
  if (!parsed.ok) return { ok: false, error: `cannot load values.yaml: error converting YAML to JSON: ${parsed.error}` };
  if (parsed.value !== null && !isMap(parsed.value)) return { ok: false, error: 'cannot load values.yaml: values.yaml is not a YAML mapping' };
  const templates: ChartFile[] = [];
  const files: ChartFile[] = [];
  for (const name of Object.keys(chart.files).sort()) {
    const data = chart.files[name] ?? '';
    if (name.startsWith('templates/')) templates.push({ name, data });
    else if (name !== 'Chart.yaml' && name !== 'values.yaml') files.push({ name, data });
  }
  return { ok: true, chart: { metadata: meta.metadata, values: parsed.value ?? {}, valuesText, templates, files } };
}
