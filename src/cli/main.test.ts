import { describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { main } from './main';

const HEADER = /^\[(\d\d:\d\d:\d\d)\] (\(continued\) )?\$ (.*)$/;

function headers(lines: readonly string[]): string[] {
  return lines.filter((l) => HEADER.test(l));
}

describe('kube-sandbox run', () => {
  it('plays the node-failure built-in: every step under its header, at its scenario time', async () => {
    const io = memoryIo();
    expect(await main(['run', 'node-failure'], io)).toBe(0);
    expect(headers(io.stdout)).toEqual([
      '[00:00:00] $ kubectl apply -f web.yaml',
      '[00:00:30] $ kubectl get nodes',
      '[00:00:30] $ kubectl get pods -o wide',
      '[00:01:00] $ sandbox kill node worker-2',
      '[00:02:00] $ kubectl get nodes',
      '[00:02:00] $ kubectl get pods -o wide',
      '[00:07:30] $ kubectl get nodes',
      '[00:07:30] $ kubectl get pods -o wide',
    ]);
    expect(io.stdout[0]).toBe('[00:00:00] $ kubectl apply -f web.yaml');
    // Blocks are separated by one blank line; a note comes right above its header.
    const kill = io.stdout.indexOf('[00:01:00] $ sandbox kill node worker-2');
    expect(io.stdout[kill - 1]).toMatch(/^# worker-2 loses power/);
    expect(io.stdout[kill - 2]).toBe('');
    // Each get prints a table (or kubectl's empty-result message) under its header.
    const getNodes = io.stdout.indexOf('[00:00:30] $ kubectl get nodes');
    expect(io.stdout[getNodes + 1]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(io.stderr).toEqual([]);
  });

  it('is deterministic: the same scenario and seed give the same transcript', async () => {
    const a = memoryIo();
    const b = memoryIo();
    await main(['run', 'node-failure', '--until', '1m'], a);
    await main(['run', 'node-failure', '--until=1m'], b);
    expect(b.stdout).toEqual(a.stdout);
  });

  it('stops at --until and says which steps it skipped', async () => {
    const io = memoryIo();
    expect(await main(['run', 'node-failure', '--until', '45s', '--seed', '3'], io)).toBe(0);
    expect(headers(io.stdout)).toEqual(['[00:00:00] $ kubectl apply -f web.yaml', '[00:00:30] $ kubectl get nodes', '[00:00:30] $ kubectl get pods -o wide']);
    expect(io.stderr).toEqual(['kube-sandbox: stopped at 00:00:45 (--until); 5 later step(s) not run']);
  });

  it('runs a scenario file', async () => {
    const io = memoryIo({ 'mine.yaml': 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: mine }\nspec:\n  steps:\n    - { at: 5s, run: kubectl get nodes }\n' });
    expect(await main(['run', 'mine.yaml'], io)).toBe(0);
    expect(headers(io.stdout)).toEqual(['[00:00:05] $ kubectl get nodes']);
  });

  it.each([
    ['an invalid scenario file', ['run', 'bad.yaml'], 1, ['bad.yaml:5:17: spec.steps[0].at: invalid duration "5x": use a number and a unit, e.g. 90s, 1m30s, 2h']],
    ['a missing file', ['run', 'nowhere.yaml'], 1, ['error: nowhere.yaml: no such file']],
    ['an unknown built-in', ['run', 'node-falure'], 1, ['error: node-falure: no such file (not a built-in scenario either; built-ins: deploy-three-replicas, splunk-otel-helm, ha-control-plane, ha-external-etcd, k3s-single-node, node-failure, traffic-node-failure)']],
    ['a bad --until', ['run', 'node-failure', '--until', 'soon'], 2, ['error: invalid --until "soon": use a duration such as 10m, 90s or 1h30m']],
    ['a bad --seed', ['run', 'node-failure', '--seed', '-4'], 2, ['error: invalid --seed "-4": use an integer from 0 to 4294967295']],
    ['an unknown flag', ['run', 'node-failure', '--fast'], 2, ['error: unknown flag: --fast', 'Usage: kube-sandbox run <scenario.yaml | built-in name> [--until DURATION] [--seed N]']],
    ['no scenario', ['run'], 2, ['error: which scenario? give a scenario file or a built-in name', 'Usage: kube-sandbox run <scenario.yaml | built-in name> [--until DURATION] [--seed N]']],
    ['an unknown command', ['play', 'node-failure'], 2, ['error: unknown command "play"; commands: run, link, open (see kube-sandbox --help)']],
  ])('reports %s', async (_what, argv, code, stderr) => {
    const io = memoryIo({ 'bad.yaml': 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: bad }\nspec:\n  steps: [{ at: 5x, run: kubectl get pods }]\n' });
    expect(await main(argv, io)).toBe(code);
    expect(io.stderr).toEqual(stderr);
    expect(io.stdout).toEqual([]);
  });

  it('prints help listing the commands and the built-ins', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toContain('  kube-sandbox run <scenario.yaml | built-in name> [--until DURATION] [--seed N]');
    expect(io.stdout.some((l) => /^ {2}run\s+play a scenario's timeline/.test(l))).toBe(true);
    expect(io.stdout.some((l) => /^ {2}node-failure\s+A worker node dies$/.test(l))).toBe(true);
    const runHelp = memoryIo();
    expect(await main(['run', '--help'], runHelp)).toBe(0);
    expect(runHelp.stdout[0]).toBe('Usage: kube-sandbox run <scenario.yaml | built-in name> [--until DURATION] [--seed N]');
  });
});
