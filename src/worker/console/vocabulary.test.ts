import { describe, expect, it } from 'vitest';
import { vocabulary } from './vocabulary';

describe('completion vocabulary', () => {
  const v = vocabulary();
  const program = (name: string) => v.programs.find((p) => p.name === name)!;

  it('has the engine verbs and their flags', () => {
    const get = program('kubectl').subcommands.find((c) => c.name === 'get')!;
    expect(get.flags).toEqual(expect.arrayContaining([{ name: 'output', short: 'o', value: true }, { name: 'watch', short: 'w', value: false }]));
    expect(program('kubectl').subcommands.find((c) => c.name === 'rollout')!.subcommands.map((c) => c.name)).toContain('status');
    expect(program('helm').subcommands.map((c) => c.name)).toEqual(expect.arrayContaining(['install', 'upgrade', 'rollback', 'uninstall', 'repo']));
  });

  it('folds sandbox verb paths into a tree', () => {
    const kill = program('sandbox').subcommands.find((c) => c.name === 'kill')!;
    expect(kill.subcommands.map((c) => c.name)).toEqual(expect.arrayContaining(['node', 'etcd']));
    expect(program('sandbox').subcommands.find((c) => c.name === 'etcd')!.subcommands.map((c) => c.name)).toEqual(expect.arrayContaining(['status', 'alarm']));
  });

  it('knows kinds with their short names, and the charts', () => {
    expect(v.resources.find((r) => r.kind === 'Deployment')).toEqual({ kind: 'Deployment', resource: 'deployments', singular: 'deployment', group: 'apps', shortNames: ['deploy'], namespaced: true });
    expect(v.charts).toEqual(['sandbox/webapp', 'splunk-otel-collector-chart/splunk-otel-collector']);
  });
});
