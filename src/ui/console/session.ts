import type { CommandOutput, ConsoleLine, ConsoleReply, ConsoleRequest, Vocabulary } from '../../protocol/console';
import { useMirror, type MirrorState } from '../mirror/store';
import { sim } from '../sim/instance';
import { addBlock, clearConsole, findBlock, remember, updateBlock, useConsole, type ConsoleBlock } from './console-store';

/**
 * The console's side effects: lines go to the worker, replies become blocks, and a running
 * command's later output is fetched whenever its CommandRecord in the mirror says it wrote
 * more (the record only carries a short tail; the worker keeps the whole output).
 */

const errLine = (text: string): ConsoleLine => ({ text, err: true });

function failed(e: unknown): ConsoleLine[] {
  return [errLine(`error: ${e instanceof Error ? e.message : String(e)}`)];
}

/** Sends a console request; a dead or restarted worker becomes an `unavailable` reply, never a throw. */
export function ask(request: ConsoleRequest): Promise<ConsoleReply> {
  return sim.console(request).catch((e: unknown) => ({ kind: 'unavailable' as const, message: failed(e)[0]!.text }));
}

/** Fills a block from a reply carrying command output. */
export function fillBlock(id: number, out: CommandOutput): void {
  updateBlock(id, (b) => ({ ...b, command: out.command || b.command, lines: out.lines, lineCount: out.lineCount, running: out.running, exitCode: out.exitCode, commandKey: out.commandKey }));
  if (out.running && out.commandKey) follow(id);
  else if (out.lineCount > out.lines.length) void fetchMore(id);
}

/** Runs one console line: `clear` is the console's own; everything else runs in the worker. */
export function runLine(input: string): void {
  const line = input.trim();
  if (line === '') {
    addBlock('', { running: false, exitCode: 0 });
    return;
  }
  remember(line);
  if (line === 'clear') {
    clearConsole();
    return;
  }
  const id = addBlock(line);
  void ask({ kind: 'run', line }).then((reply) => {
    if (reply.kind === 'ran') fillBlock(id, reply);
    else updateBlock(id, (b) => ({ ...b, running: false, exitCode: 1, lines: [errLine(reply.kind === 'unavailable' ? reply.message : `unexpected reply ${reply.kind}`)] }));
  });
}

/** Ctrl-C: interrupts the newest running command. False when nothing was running. */
export function interruptRunning(): boolean {
  const running = [...useConsole.getState().blocks].reverse().find((b) => b.running && b.commandKey);
  if (!running?.commandKey) return false;
  const key = running.commandKey;
  void ask({ kind: 'interrupt', commandKey: key }).then(() => fetchMore(running.id));
  return true;
}

// ------------------------------------------------------------------ streaming

const followed = new Set<number>();
const inFlight = new Set<number>();
let unsubscribe: (() => void) | undefined;
/** The mirror the followed commands belong to: a restarted worker starts a new one, and its command keys mean other commands. */
let followedMirror: MirrorState['mirror'] | undefined;

function follow(id: number): void {
  followedMirror ??= useMirror.getState().mirror;
  followed.add(id);
  unsubscribe ??= useMirror.subscribe(onMirror);
  onMirror(useMirror.getState());
}

function onMirror(s: MirrorState): void {
  if (s.mirror !== followedMirror) {
    for (const id of followed) stop(id, (b) => ({ ...b, commandKey: null, lines: [...b.lines, errLine('(the simulation restarted; this command is gone)')] }));
  }
  for (const id of followed) {
    const b = findBlock(id);
    if (!b?.commandKey) {
      followed.delete(id);
      continue;
    }
    const rec = s.mirror.data.commands.get(b.commandKey);
    // No record (dropped or a restarted worker): ask anyway, the reply says whether the command is gone.
    if (!rec || rec.lineCount > b.lineCount || !rec.running) void fetchMore(id);
  }
  if (followed.size === 0 && unsubscribe) {
    unsubscribe();
    unsubscribe = undefined;
    followedMirror = undefined;
  }
}

async function fetchMore(id: number): Promise<void> {
  const b = findBlock(id);
  if (!b?.commandKey || inFlight.has(id)) return;
  inFlight.add(id);
  try {
    const reply = await ask({ kind: 'output', commandKey: b.commandKey, from: b.lineCount });
    if (reply.kind !== 'output') {
      stop(id, (x) => ({ ...x, lines: [...x.lines, errLine(reply.kind === 'unavailable' ? reply.message : 'output unavailable')] }));
      return;
    }
    if (reply.gone) {
      stop(id, (x) => x);
      return;
    }
    updateBlock(id, (x) => append(x, reply));
    if (!reply.running && reply.lineCount <= reply.from + reply.lines.length) followed.delete(id);
    else if (reply.lineCount > reply.from + reply.lines.length) queueMicrotask(() => void fetchMore(id));
  } finally {
    inFlight.delete(id);
  }
}

function append(b: ConsoleBlock, reply: Extract<ConsoleReply, { kind: 'output' }>): ConsoleBlock {
  // A reply for lines this block already has (a duplicate request) adds nothing.
  const skip = Math.max(0, b.lineCount - reply.from);
  const fresh = reply.lines.slice(skip);
  const interrupted = !reply.running && reply.exitCode === 130 && b.running;
  return {
    ...b,
    lines: [...b.lines, ...fresh, ...(interrupted ? [{ text: '^C', err: false }] : [])],
    lineCount: Math.max(b.lineCount, reply.from + reply.lines.length),
    running: reply.running,
    exitCode: reply.exitCode,
  };
}

function stop(id: number, change: (b: ConsoleBlock) => ConsoleBlock): void {
  followed.delete(id);
  updateBlock(id, (b) => ({ ...change(b), running: false }));
}

// ------------------------------------------------------------------ completion data

let vocabulary: Promise<Vocabulary | null> | undefined;

/** The worker's command vocabulary, fetched once (and again after a failure). */
export function getVocabulary(): Promise<Vocabulary | null> {
  vocabulary ??= ask({ kind: 'vocabulary' }).then((r) => {
    if (r.kind === 'vocabulary') return r.vocabulary;
    vocabulary = undefined;
    return null;
  });
  return vocabulary;
}

export async function getNames(source: string, namespace: string | null): Promise<string[]> {
  const r = await ask({ kind: 'names', resource: source, namespace });
  return r.kind === 'names' ? r.names : [];
}
