import { create } from 'zustand';
import type { ConsoleLine } from '../../protocol/console';
import { loadHistory, pushHistory, saveHistory, type KeyValueStore } from './history';

/** One command and what it printed, as the terminal shows it. */
export interface ConsoleBlock {
  id: number;
  /** The line echoed after the prompt. */
  command: string;
  lines: ConsoleLine[];
  /** Lines the command wrote so far (the next output request starts here). */
  lineCount: number;
  running: boolean;
  exitCode: number | null;
  /** The worker's record of the command, while it can still stream. */
  commandKey: string | null;
  /** Lines dropped from the front of this block to keep the scrollback bounded. */
  dropped: number;
}

export interface ConsoleState {
  blocks: ConsoleBlock[];
  history: string[];
  /** Completion candidates shown under the prompt after a Tab. */
  hints: string[];
}

/** Lines kept on screen; older blocks (then older lines) go first, like a terminal's scrollback. */
export const MAX_SCROLLBACK_LINES = 5000;

function storage(): KeyValueStore | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export const useConsole = create<ConsoleState>()(() => ({ blocks: [], history: loadHistory(storage()), hints: [] }));

let nextId = 1;

function bounded(blocks: ConsoleBlock[]): ConsoleBlock[] {
  let total = blocks.reduce((n, b) => n + b.lines.length + 1, 0);
  let out = blocks;
  while (total > MAX_SCROLLBACK_LINES && out.length > 1) {
    total -= out[0]!.lines.length + 1;
    out = out.slice(1);
  }
  const only = out[0];
  if (out.length === 1 && only && total > MAX_SCROLLBACK_LINES) {
    const cut = total - MAX_SCROLLBACK_LINES;
    out = [{ ...only, lines: only.lines.slice(cut), dropped: only.dropped + cut }];
  }
  return out;
}

/** Adds a block and returns its id. */
export function addBlock(command: string, init: Partial<Omit<ConsoleBlock, 'id' | 'command'>> = {}): number {
  const id = nextId++;
  const block: ConsoleBlock = { id, command, lines: [], lineCount: 0, running: true, exitCode: null, commandKey: null, dropped: 0, ...init };
  useConsole.setState((s) => ({ blocks: bounded([...s.blocks, block]) }));
  return id;
}

export function updateBlock(id: number, change: (b: ConsoleBlock) => ConsoleBlock): void {
  useConsole.setState((s) => {
    const i = s.blocks.findIndex((b) => b.id === id);
    if (i < 0) return s;
    const blocks = s.blocks.slice();
    blocks[i] = change(blocks[i]!);
    return { blocks: bounded(blocks) };
  });
}

export function findBlock(id: number): ConsoleBlock | undefined {
  return useConsole.getState().blocks.find((b) => b.id === id);
}

export function clearConsole(): void {
  useConsole.setState({ blocks: [], hints: [] });
}

export function remember(line: string): void {
  const history = pushHistory(useConsole.getState().history, line);
  useConsole.setState({ history });
  saveHistory(storage(), history);
}

export function setHints(hints: string[]): void {
  useConsole.setState({ hints });
}

export const selectBlocks = (s: ConsoleState): ConsoleBlock[] => s.blocks;
export const selectHistory = (s: ConsoleState): string[] => s.history;
export const selectHints = (s: ConsoleState): string[] => s.hints;
