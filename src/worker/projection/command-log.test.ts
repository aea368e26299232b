import { describe, expect, it } from 'vitest';
import { CommandProcess } from '../../engine/commands/process';
import { COMMAND_TAIL_LINES } from '../../protocol/records';
import { CommandLog, MAX_COMMANDS } from './command-log';

function setup() {
  let now = 1000;
  let rev = 7;
  const log = new CommandLog({ now: () => now, revision: () => rev });
  const proc = (command: string) => new CommandProcess(command, () => now);
  return { log, proc, tick: (ms: number) => ((now += ms), (rev += 1)) };
}

describe('CommandLog', () => {
  it('records a finished command with its output and exit code', () => {
    const { log, proc } = setup();
    const p = proc('kubectl cordon worker-1');
    p.out('node/worker-1 cordoned');
    p.exit(0);
    const key = log.track(p, 'user');
    expect(log.drain()).toEqual([[key, {
      key, source: 'user', command: 'kubectl cordon worker-1', note: null, lines: ['node/worker-1 cordoned'], lineCount: 1,
      running: false, exitCode: 0, startMs: 1000, order: 7,
    }]]);
    expect(log.drain()).toEqual([]);
  });

  it('keeps streaming a running command until it exits', () => {
    const { log, proc, tick } = setup();
    const p = proc('kubectl drain worker-1');
    p.out('node/worker-1 cordoned');
    const key = log.track(p, 'user');
    log.drain();
    tick(5000);
    p.out('pod/web-1 evicted');
    p.out('node/worker-1 drained');
    expect(log.get(key)).toMatchObject({ lines: ['node/worker-1 cordoned', 'pod/web-1 evicted', 'node/worker-1 drained'], lineCount: 3, running: true });
    p.exit(0);
    const [[, rec]] = log.drain() as [[string, unknown]];
    expect(rec).toMatchObject({ running: false, exitCode: 0, lineCount: 3 });
    p.out('ignored after exit');
    expect(log.drain()).toEqual([]);
  });

  it('keeps only the newest lines of a long stream', () => {
    const { log, proc } = setup();
    const p = proc('kubectl get pods -w');
    const key = log.track(p, 'step', 'watch');
    for (let i = 0; i < COMMAND_TAIL_LINES + 5; i++) p.out(`line ${i}`);
    const rec = log.get(key)!;
    expect(rec.lines).toHaveLength(COMMAND_TAIL_LINES);
    expect(rec.lines[0]).toBe('line 5');
    expect(rec.lineCount).toBe(COMMAND_TAIL_LINES + 5);
    expect(rec.note).toBe('watch');
  });

  it('drops the oldest records past MAX_COMMANDS and stops following them', () => {
    const { log, proc } = setup();
    const first = proc('kubectl get pods -w');
    const firstKey = log.track(first, 'user');
    for (let i = 0; i < MAX_COMMANDS; i++) {
      const p = proc(`echo ${i}`);
      p.exit(0);
      log.track(p, 'user');
    }
    const drained = new Map(log.drain());
    expect(drained.has(firstKey)).toBe(true);
    expect(drained.get(firstKey)).toBeUndefined();
    first.out('late line');
    expect(log.drain()).toEqual([]);
  });
});

describe('CommandLog.run', () => {
  it('orders the record by the revision before the command wrote anything', () => {
    let rev = 10;
    const log = new CommandLog({ now: () => 0, revision: () => rev });
    const { proc, key } = log.run(() => {
      rev = 12; // the command's own writes
      const p = new CommandProcess('kubectl cordon w', () => 0);
      p.exit(0);
      return p;
    }, 'user');
    expect(proc.exitCode).toBe(0);
    expect(log.get(key)?.order).toBe(10);
  });
});
