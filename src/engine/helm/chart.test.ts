import { describe, expect, it } from 'vitest';
import { loadChart, parseChartYaml } from './chart';

const CHART = 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "2.0"\n';

describe('loadChart', () => {
  it('splits templates from other files and parses values', () => {
    const r = loadChart({ files: { 'Chart.yaml': CHART, 'values.yaml': 'a: 1\n', 'templates/x.yaml': 'x', 'templates/_h.tpl': 'h', 'README.md': 'r' } });
    if (!r.ok) throw new Error(r.error);
    expect(r.chart.metadata).toEqual({ apiVersion: 'v2', name: 'demo', version: '1.2.3', appVersion: '2.0' });
    expect(r.chart.values).toEqual({ a: 1 });
    expect(r.chart.templates.map((t) => t.name)).toEqual(['templates/_h.tpl', 'templates/x.yaml']);
    expect(r.chart.files.map((f) => f.name)).toEqual(['README.md']);
  });

  it('a chart without values.yaml has empty values', () => {
    const r = loadChart({ files: { 'Chart.yaml': CHART } });
    expect(r.ok && r.chart.values).toEqual({});
  });

  it.each([
    ['missing Chart.yaml', { 'values.yaml': '' }, 'Chart.yaml file is missing'],
    ['bad values.yaml', { 'Chart.yaml': CHART, 'values.yaml': 'a: b: c' }, 'cannot load values.yaml: error converting YAML to JSON: yaml: line 1: Nested mappings are not allowed in compact mappings'],
    ['values.yaml not a map', { 'Chart.yaml': CHART, 'values.yaml': '- 1' }, 'cannot load values.yaml: values.yaml is not a YAML mapping'],
    ['path escaping the chart', { 'Chart.yaml': CHART, '../x': '' }, 'chart file path "../x" is not a relative path inside the chart'],
    ['oversized file', { 'Chart.yaml': CHART, 'templates/big.yaml': 'x'.repeat(2_000_000) }, 'chart file templates/big.yaml is 2000000 bytes, more than the 1048576 allowed'],
  ])('%s', (_n, files, error) => {
    expect(loadChart({ files })).toEqual({ ok: false, error });
  });
});

describe('parseChartYaml validation', () => {
  it.each([
    ['name: x\nversion: 1.0.0', 'validation: chart.metadata.apiVersion is required'],
    ['apiVersion: v3\nname: x\nversion: 1.0.0', 'validation: chart.metadata.apiVersion "v3" is not valid'],
    ['apiVersion: v2\nversion: 1.0.0', 'validation: chart.metadata.name is required'],
    ['apiVersion: v2\nname: x', 'validation: chart.metadata.version is required'],
    ['apiVersion: v2\nname: x\nversion: one', 'validation: chart.metadata.version "one" is invalid'],
    ['apiVersion: v2\nname: x\nversion: 1.0.0\ntype: plugin', 'validation: chart.metadata.type must be application or library'],
    ['apiVersion: v2\nname: bad/name\nversion: 1.0.0', 'validation: chart.metadata.name "bad/name" is invalid'],
  ])('%j', (text, error) => {
    expect(parseChartYaml(text)).toEqual({ ok: false, error });
  });
});
