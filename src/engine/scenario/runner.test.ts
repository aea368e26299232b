import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/cluster';
import { CommandProcess } from '../commands/process';
import { parseScenario } from './parse';
import { runScenario, ScenarioRunner } from './runner';
import type { Scenario } from './types';

function scenario(steps: string): Scenario {
  const r = parseScenario(`apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: t }\nspec:\n  cluster: { nodes: [{ name: "worker-{i}", count: 1 }] }\n  steps:\n${steps}`, 't.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** Fake commands: `say X` prints X; `tick` prints now and 5 s / 15 s later, then exits at 20 s; `hang` never exits. */
function fakeExec(started: CommandProcess[]): (c: Cluster, command: string) => CommandProcess {
  return (c, command) => {
    const proc = new CommandProcess(command, () => c.now);
    started.push(proc);
    if (command.startsWith('say ')) {
      proc.out(command.slice(4));
      proc.exit(0);
    } else if (command === 'tick') {
      proc.out('t+0');
      c.queue.after(5000, 'tick', () => proc.out('t+5'));
      c.queue.after(15000, 'tick', () => proc.out('t+15'));
      c.queue.after(20000, 'tick', () => proc.exit(0));
    } else if (command === 'hang') proc.out('waiting…');
    return proc;
  };
}

describe('ScenarioRunner', () => {
  it('prints step headers at scenario time, notes above them, and continued output of running commands', () => {
    const started: CommandProcess[] = [];
    const s = scenario(`    - { at: 0s, run: tick }
    - { at: 10s, run: say hello, note: "half-way\\nsecond line" }
    - { at: 10s, run: say again }
    - { at: 1m, run: hang }
`);
    const lines: string[] = [];
    const runner = new ScenarioRunner(s, (l) => lines.push(l), { exec: fakeExec(started), untilMs: 90_000 });
    runner.run();
    expect(lines).toEqual([
      '[00:00:00] $ tick',
      't+0',
      't+5',
      '',
      '# half-way',
      '# second line',
      '[00:00:10] $ say hello',
      'hello',
      '',
      '[00:00:10] $ say again',
      'again',
      '',
      '[00:00:15] (continued) $ tick',
      't+15',
      '',
      '[00:01:00] $ hang',
      'waiting…',
    ]);
    expect(started.map((p) => p.exitCode)).toEqual([0, 0, 0, 130]);
    expect(runner.cluster.simTimeMs).toBe(90_000);
  });

  it('stops at --until and skips later steps', () => {
    const s = scenario(`    - { at: 0s, run: say a }\n    - { at: 2m, run: say b }\n`);
    const runner = new ScenarioRunner(s, () => undefined, { exec: fakeExec([]), untilMs: 60_000 });
    runner.run();
    expect(runner.skippedSteps).toBe(1);
    expect(runner.cluster.simTimeMs).toBe(60_000);
  });

  it('runs real commands and is deterministic for a seed', () => {
    const s = scenario(`    - { at: 0s, run: kubectl get nodes }\n    - { at: 30s, run: sandbox kill node worker-1 }\n    - { at: 90s, run: kubectl get nodes }\n`);
    const first = runScenario(s);
    expect(first.filter((l) => l.startsWith('['))).toEqual(['[00:00:00] $ kubectl get nodes', '[00:00:30] $ sandbox kill node worker-1', '[00:01:30] $ kubectl get nodes']);
    expect(runScenario(s)).toEqual(first);
  });
});
