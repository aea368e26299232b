/**
 * Plays a scenario's timeline against a fresh cluster and writes a terminal transcript:
 *
 *   [00:00:30] $ kubectl get nodes        ← a step's header (time since the scenario started)
 *   NAME       STATUS   ROLES ...          ← its output, exactly as printed
 *
 * Steps run at their `at` times whether or not earlier commands have finished (a timeline,
 * not a shell script). A command that keeps writing (`get -w`, `rollout status`) has its later
 * lines printed in time order; when another block came in between, they are introduced again
 * by `[hh:mm:ss] (continued) $ <command>`. A step's note is printed above its header as
 * `# note`. Blocks are separated by a blank line. Commands still running at the end are
 * interrupted, as Ctrl-C would.
 */
import { Cluster } from '../cluster/cluster';
import type { CommandProcess, OutputLine } from '../commands/process';
import type { EngineConfig } from '../sim/env';
import { clockLabel } from '../sim/time';
import type { Scenario } from './types';

export interface RunOptions {
  /** Scenario time to stop at; defaults to the last step's time. */
  readonly untilMs?: number;
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  readonly config?: Partial<EngineConfig>;
  /** How a step's command runs; the default is the cluster's command language (tests replace it). */
  readonly exec?: (cluster: Cluster, command: string) => CommandProcess;
}

export type TranscriptSink = (line: string) => void;

export class ScenarioRunner {
  readonly cluster: Cluster;
  readonly untilMs: number;
  private nextStep = 0;
  private lastBlock: CommandProcess | undefined;
  private printed = 0;
  private readonly running = new Set<CommandProcess>();
  private readonly exec: (cluster: Cluster, command: string) => CommandProcess;

  constructor(
    readonly scenario: Scenario,
    private readonly sink: TranscriptSink,
    opts: RunOptions = {},
  ) {
    const { spec } = scenario;
    this.cluster = new Cluster({ spec: spec.cluster, seed: opts.seed ?? spec.seed, files: spec.files, config: opts.config, ...(spec.traffic ? { traffic: spec.traffic } : {}) });
    this.untilMs = opts.untilMs ?? spec.steps.at(-1)?.atMs ?? 0;
    this.exec = opts.exec ?? ((cluster, command) => cluster.run(command, 'step'));
  }

  /** Steps the run will not reach because `untilMs` comes first. */
  get skippedSteps(): number {
    return this.scenario.spec.steps.filter((s) => s.atMs > this.untilMs).length;
  }

  /** Boots the cluster, plays every step up to `untilMs`, then stops what is still running. */
  run(): this {
    this.cluster.boot();
    this.runUntil(this.untilMs);
    this.finish();
    return this;
  }

  /** Advances scenario time to `simMs`, running the steps due on the way. */
  runUntil(simMs: number): void {
    const steps = this.scenario.spec.steps;
    const target = Math.min(simMs, this.untilMs);
    while (this.nextStep < steps.length && steps[this.nextStep]!.atMs <= target) {
      const step = steps[this.nextStep++]!;
      this.cluster.runUntil(this.cluster.startMs + step.atMs);
      this.startStep(step.run, step.note);
    }
    this.cluster.runUntil(this.cluster.startMs + target);
  }

  finish(): void {
    for (const proc of [...this.running]) proc.interrupt();
  }

  private emit(line: string): void {
    this.printed++;
    this.sink(line);
  }

  private header(text: string, note?: string): void {
    if (this.printed > 0) this.emit('');
    if (note) for (const l of note.split('\n')) this.emit(`# ${l}`.trimEnd());
    this.emit(`[${clockLabel(this.cluster.simTimeMs)}] ${text}`);
  }

  private startStep(command: string, note: string | undefined): void {
    this.header(`$ ${command}`, note);
    const proc = this.exec(this.cluster, command);
    this.lastBlock = proc;
    for (const line of proc.lines) this.emit(line.text);
    if (proc.done) return;
    this.running.add(proc);
    const unsubscribe = proc.subscribe((line) => this.onLine(proc, line, unsubscribe));
  }

  private onLine(proc: CommandProcess, line: OutputLine | undefined, unsubscribe: () => void): void {
    if (!line) {
      this.running.delete(proc);
      unsubscribe();
      return;
    }
    if (this.lastBlock !== proc) {
      this.header(`(continued) $ ${proc.command}`);
      this.lastBlock = proc;
    }
    this.emit(line.text);
  }
}

/** Runs a scenario to completion and returns its transcript lines. */
export function runScenario(scenario: Scenario, opts: RunOptions = {}): string[] {
  const lines: string[] = [];
  new ScenarioRunner(scenario, (l) => lines.push(l), opts).run();
  return lines;
}
