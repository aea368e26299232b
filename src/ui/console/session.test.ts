import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleLine, ConsoleReply, ConsoleRequest } from '../../protocol/console';
import type { CommandRecord } from '../../protocol/records';

/** A scripted worker: commands that keep writing until told to stop. */
const worker = vi.hoisted(() => {
  const procs = new Map<string, { command: string; lines: ConsoleLine[]; running: boolean; exitCode: number | null }>();
  let n = 0;
  return {
    procs,
    reset: () => {
      procs.clear();
      n = 0;
    },
    handle(req: ConsoleRequest): ConsoleReply {
      const out = (key: string, from: number) => {
        const p = procs.get(key)!;
        return { commandKey: key, command: p.command, lines: p.lines.slice(from), lineCount: p.lines.length, running: p.running, exitCode: p.exitCode };
      };
      switch (req.kind) {
        case 'run': {
          const key = `cmd-${++n}`;
          const watch = req.line.includes(' -w');
          procs.set(key, { command: req.line, lines: [{ text: 'NAME   READY', err: false }], running: watch, exitCode: watch ? null : 0 });
          return { kind: 'ran', ...out(key, 0) };
        }
        case 'output':
          return procs.has(req.commandKey) ? { kind: 'output', from: req.from, gone: false, ...out(req.commandKey, req.from) } : { kind: 'output', from: req.from, gone: true, commandKey: req.commandKey, command: '', lines: [], lineCount: 0, running: false, exitCode: null };
        case 'interrupt': {
          const p = procs.get(req.commandKey);
          if (p) Object.assign(p, { running: false, exitCode: 130 });
          return { kind: 'interrupted', commandKey: req.commandKey, ok: p !== undefined };
        }
        default:
          return { kind: 'unavailable', message: 'not scripted' };
      }
    },
  };
});

vi.mock('../sim/instance', () => ({ sim: { console: (req: ConsoleRequest) => Promise.resolve(worker.handle(req)) } }));

const { useMirror, resetMirror } = await import('../mirror/store');
const { useConsole, clearConsole } = await import('./console-store');
const { interruptRunning, runLine } = await import('./session');

const settle = () => new Promise((r) => setTimeout(r, 0));

/** What the mirror would hear from the worker's CommandLog after a frame. */
function frame(key: string): void {
  const p = worker.procs.get(key)!;
  const rec: CommandRecord = { key, source: 'user', command: p.command, note: null, lines: p.lines.slice(-30).map((l) => l.text), lineCount: p.lines.length, running: p.running, exitCode: p.exitCode, startMs: 0, order: 0 };
  useMirror.getState().mirror.data.commands.set(key, rec);
  useMirror.setState({});
}

const texts = () => useConsole.getState().blocks.map((b) => ({ command: b.command, lines: b.lines.map((l) => l.text), running: b.running }));

describe('console session', () => {
  beforeEach(() => {
    worker.reset();
    clearConsole();
  });

  it('streams a running command from its record until Ctrl-C', async () => {
    runLine('kubectl get pods -w');
    await settle();
    expect(texts()).toEqual([{ command: 'kubectl get pods -w', lines: ['NAME   READY'], running: true }]);
    // 40 more lines in one frame: more than the record's tail, all of them arrive.
    const p = worker.procs.get('cmd-1')!;
    for (let i = 0; i < 40; i++) p.lines.push({ text: `web-${i}   0/1`, err: false });
    frame('cmd-1');
    await settle();
    expect(texts()[0]!.lines).toHaveLength(41);
    expect(texts()[0]!.lines.at(-1)).toBe('web-39   0/1');

    expect(interruptRunning()).toBe(true);
    await settle();
    await settle();
    expect(texts()[0]).toMatchObject({ running: false });
    expect(texts()[0]!.lines.at(-1)).toBe('^C');
    expect(interruptRunning()).toBe(false);
  });

  it('keeps history, handles clear and empty lines', async () => {
    runLine('kubectl get nodes');
    runLine('   ');
    await settle();
    expect(texts().map((b) => b.command)).toEqual(['kubectl get nodes', '']);
    runLine('clear');
    expect(texts()).toEqual([]);
    expect(useConsole.getState().history.slice(-2)).toEqual(['kubectl get nodes', 'clear']);
  });

  it('stops following when the simulation restarts', async () => {
    runLine('kubectl get pods -w');
    await settle();
    resetMirror();
    await settle();
    expect(texts()[0]).toMatchObject({ running: false });
    expect(texts()[0]!.lines.at(-1)).toBe('(the simulation restarted; this command is gone)');
  });
});
