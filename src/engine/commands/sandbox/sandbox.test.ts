import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';

/** `sandbox` help at every level: the whole list, a word group (`sandbox kill`), one command. */

const c = new Cluster({ seed: 5, config: { freezeObjects: true } }).boot();

function run(line: string): { exit: number | undefined; out: string; err: string } {
  const p = c.run(line);
  const text = (stream: string) => p.lines.filter((l) => l.stream === stream).map((l) => l.text).join('\n');
  return { exit: p.exitCode, out: text('stdout'), err: text('stderr') };
}

describe('sandbox help', () => {
  it.each([
    ['sandbox -h', /^sandbox acts on the simulated machines/],
    ['sandbox help', /\nCommands:\n {2}sandbox kill node NAME +Power a node off/],
    ['sandbox kill node --help', /^Power a node off: its kubelet stops, heartbeats stop, pods stay where they were\n\nUsage:\n {2}sandbox kill node NAME$/],
    ['sandbox add node -h', /\nFlags:\n {6}--cpu +CPU capacity \(quantity\)\n/],
  ])('%s', (line, out) => {
    const r = run(line);
    expect([r.exit, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(out);
  });

  it.each([
    ['sandbox kill --help', 'kill', ['sandbox kill node NAME', 'sandbox kill etcd MEMBER']],
    ['sandbox kill', 'kill', ['sandbox kill node NAME', 'sandbox kill etcd MEMBER']],
    ['sandbox etcd alarm -h', 'etcd alarm', ['sandbox etcd alarm list', 'sandbox etcd alarm disarm']],
  ])('%s lists the commands under the group', (line, group, usages) => {
    const r = run(line);
    expect([r.exit, r.err]).toEqual([0, '']);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`Commands under 'sandbox ${group}':`);
    expect(lines.filter((l) => l.startsWith('  sandbox ')).map((l) => l.trim().split(/ {3,}/)[0])).toEqual(usages);
    expect(lines.at(-1)).toBe("Run 'sandbox <command> --help' for the flags of a command.");
  });

  it.each([
    ['sandbox kill nope', 'error: unknown command "kill nope" for "sandbox"\nRun \'sandbox help\' for usage.'],
    ['sandbox frobnicate', 'error: unknown command "frobnicate" for "sandbox"\nRun \'sandbox help\' for usage.'],
    ['sandbox kill node', 'error: a node name is required\nUsage: sandbox kill node NAME'],
    ['sandbox --bogus', 'error: unknown flag: --bogus'],
  ])('%s', (line, err) => {
    const r = run(line);
    expect([r.exit, r.out, r.err]).toEqual([1, '', err]);
  });
});
