/**
 * A running command, as a terminal sees it: lines on stdout / stderr, an exit code when
 * done. Long-running commands (`get -w`, `drain`, `rollout status`, `helm --wait`) keep
 * writing as simulated time passes, until they exit or are interrupted (Ctrl-C).
 */
export type Stream = 'stdout' | 'stderr';

export interface OutputLine {
  readonly stream: Stream;
  readonly text: string;
  readonly tMs: number;
}

export class CommandProcess {
  readonly lines: OutputLine[] = [];
  exitCode: number | undefined;
  private readonly listeners = new Set<(line: OutputLine | undefined) => void>();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly command: string,
    private readonly now: () => number,
    readonly opId?: number,
  ) {}

  get done(): boolean {
    return this.exitCode !== undefined;
  }

  /** Writes one or more lines (a trailing newline is not needed). */
  out(text: string): void {
    this.write('stdout', text);
  }

  err(text: string): void {
    this.write('stderr', text);
  }

  write(stream: Stream, text: string): void {
    if (this.done) return;
    for (const t of text.split('\n')) {
      const line: OutputLine = { stream, text: t, tMs: this.now() };
      this.lines.push(line);
      for (const l of this.listeners) l(line);
    }
  }

  exit(code: number): void {
    if (this.done) return;
    this.exitCode = code;
    for (const c of this.cleanups.splice(0)) c();
    for (const l of this.listeners) l(undefined);
  }

  /** Ctrl-C: stops a streaming or waiting command. */
  interrupt(): void {
    this.exit(130);
  }

  /**
   * Registers cleanup (cancel timers, stop watches) to run when the command exits.
   * Returns a function that unregisters it (for cleanups that became moot).
   */
  onExit(cleanup: () => void): () => void {
    if (this.done) {
      cleanup();
      return () => {};
    }
    this.cleanups.push(cleanup);
    return () => {
      const i = this.cleanups.indexOf(cleanup);
      if (i >= 0) this.cleanups.splice(i, 1);
    };
  }

  /** Subscribe to new lines; `undefined` signals exit. */
  subscribe(listener: (line: OutputLine | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Everything written so far, as a terminal would show it. */
  text(): string {
    return this.lines.map((l) => l.text).join('\n');
  }
}
