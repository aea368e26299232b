import { stringify } from 'yaml';
import type { Cluster } from '../../engine/cluster/cluster';
import { applyManifestText } from '../../engine/commands/kubectl/apply/apply';
import type { CommandProcess, OutputLine } from '../../engine/commands/process';
import { parseManifests } from '../../engine/manifest/parse';
import type { CommandOutput, ConsoleLine, ConsoleMarker, ConsoleReply, ConsoleRequest, RecordedActions } from '../../protocol/console';
import { assertNever } from '../../protocol/version';
import type { CommandLog } from '../projection/command-log';
import { editableYaml, saveEdit } from './edit';
import { exportManifests } from './export';
import { completionNames } from './names';
import { interruptStep, interruptTarget, recordedLine, UserRecorder } from './recorder';
import { vocabulary } from './vocabulary';

/** Console commands whose full output the worker keeps for the page (oldest dropped first). */
export const MAX_FOLLOWED = 64;
/** Lines per reply; the page asks again from where it got to. */
export const MAX_REPLY_LINES = 2000;
/** A single output line longer than this is cut (a terminal would wrap it; the page would choke). */
export const MAX_LINE_CHARS = 20_000;
/** Editor text accepted at all (the manifest parser's own limit is checked after). */
const MAX_TEXT_CHARS = 2 * 1024 * 1024;

function consoleLine(l: OutputLine): ConsoleLine {
  const text = l.text.length > MAX_LINE_CHARS ? `${l.text.slice(0, MAX_LINE_CHARS)}…` : l.text;
  return { text, err: l.stream === 'stderr' };
}

export function outputOf(proc: CommandProcess, key: string | null, from = 0): CommandOutput {
  const start = Math.max(0, Math.min(from, proc.lines.length));
  return {
    commandKey: key,
    command: proc.command,
    lines: proc.lines.slice(start, start + MAX_REPLY_LINES).map(consoleLine),
    lineCount: proc.lines.length,
    running: !proc.done,
    exitCode: proc.exitCode ?? null,
  };
}

/**
 * The worker side of the console, YAML editor, inspector edit and export. Everything runs
 * as the user in the cluster's command language, is followed by the CommandLog (so it
 * shows in the events feed and streams), and is recorded as a scenario step.
 */
export class ConsoleSession {
  private readonly followed = new Map<string, CommandProcess>();
  private readonly recorder = new UserRecorder();

  constructor(
    private readonly cluster: Cluster,
    private readonly commands: CommandLog,
  ) {}

  handle(req: ConsoleRequest): ConsoleReply {
    switch (req.kind) {
      case 'run':
        return this.run(req.line);
      case 'interrupt': {
        const proc = this.followed.get(req.commandKey);
        if (proc && !proc.done) {
          // On the timeline too, so a seek back or a link stops the command at the same moment.
          this.recordAction(interruptStep(proc.command));
          proc.interrupt();
        }
        return { kind: 'interrupted', commandKey: req.commandKey, ok: proc !== undefined };
      }
      case 'output': {
        const proc = this.followed.get(req.commandKey);
        if (!proc) return { kind: 'output', from: req.from, gone: true, commandKey: req.commandKey, command: '', lines: [], lineCount: req.from, running: false, exitCode: null };
        return { kind: 'output', from: req.from, gone: false, ...outputOf(proc, req.commandKey, req.from) };
      }
      case 'apply':
        return this.apply(req.text);
      case 'editable':
        return { kind: 'editable', ref: req.ref, ...editableYaml(this.cluster, req.ref) };
      case 'edit':
        return this.edit(req);
      case 'vocabulary':
        return { kind: 'vocabulary', vocabulary: vocabulary() };
      case 'names':
        return { kind: 'names', resource: req.resource, namespace: req.namespace, names: completionNames(this.cluster, req.resource, req.namespace) };
      case 'export':
        return { kind: 'export', ...exportManifests(this.cluster, req.includeHelm) };
      default:
        return assertNever(req, 'console request');
    }
  }

  /** A page action (Kill node, Drain…) is a user action too: it goes on the timeline. */
  recordAction(command: string): void {
    this.recorder.record(command, this.cluster.simTimeMs);
  }

  /**
   * A recorded action played again (seek back, link): run and recorded as when the user did
   * it, and followed, so the page can still interrupt it; a recorded Ctrl-C stops the latest
   * running command with its line.
   */
  replay(run: string): void {
    this.recordAction(run);
    const target = interruptTarget(run);
    if (target !== undefined) {
      this.interruptLatest(target);
      return;
    }
    const { proc, key } = this.commands.run(() => this.cluster.run(run, 'user'), 'user');
    this.follow(proc, key);
  }

  private interruptLatest(line: string): void {
    const procs = [...this.followed.values()];
    for (let i = procs.length - 1; i >= 0; i--) {
      const proc = procs[i]!;
      if (proc.done || recordedLine(proc.command) !== line) continue;
      proc.interrupt();
      return;
    }
  }

  recorded(): RecordedActions {
    return this.recorder.snapshot();
  }

  private follow(proc: CommandProcess, key: string): void {
    this.followed.set(key, proc);
    for (const old of this.followed.keys()) {
      if (this.followed.size <= MAX_FOLLOWED) break;
      this.followed.delete(old);
    }
  }

  private run(line: string): ConsoleReply {
    if (line.trim() === '') return { kind: 'ran', commandKey: null, command: '', lines: [], lineCount: 0, running: false, exitCode: 0 };
    this.recordAction(line);
    const { proc, key } = this.commands.run(() => this.cluster.run(line, 'user'), 'user');
    this.follow(proc, key);
    return { kind: 'ran', ...outputOf(proc, key) };
  }

  /** The first free `<prefix>-<n>.yaml` among the scenario's files. */
  private fileName(prefix: string): string {
    for (let n = 1; n < 100_000; n++) {
      const name = `${prefix}-${n}.yaml`;
      if (!this.cluster.files.has(name)) return name;
    }
    return `${prefix}-${this.cluster.files.size + 1}.yaml`;
  }

  /**
   * `kubectl apply -f -` of the editor's text. A text that parses becomes a scenario file
   * (`editor-<n>.yaml`) and the step `kubectl apply -f editor-<n>.yaml`, so the console, the
   * sequence panel and a shared link all name the same thing; a text that does not parse
   * applies nothing and is not recorded.
   */
  private apply(text: string): ConsoleReply {
    const body = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS + 1) : text;
    const name = this.fileName('editor');
    const parsed = parseManifests(body, name);
    const applies = parsed.ok && parsed.objects.length > 0;
    let markers: ConsoleMarker[] = [];
    let opId: number | undefined;
    if (applies) {
      this.cluster.files.set(name, body);
      this.recorder.addFile(name, body);
      this.recordAction(`kubectl apply -f ${name}`);
      opId = this.cluster.log.beginOperation(`kubectl apply -f ${name}`, 'user').id;
    }
    const { proc, key } = this.commands.run(() => {
      const outcome = applyManifestText(this.cluster, body, opId, name);
      markers = outcome.markers.map((m) => ({ ...m }));
      return outcome.process;
    }, 'user');
    return { kind: 'applied', applied: applies, markers, ...outputOf(proc, key) };
  }

  private edit(req: Extract<ConsoleRequest, { kind: 'edit' }>): ConsoleReply {
    const outcome = saveEdit(this.cluster, req.ref, req.original, req.text, (command) => this.cluster.log.beginOperation(command, 'user').id);
    const key = this.commands.track(outcome.proc, 'user');
    if (outcome.saved) {
      const name = this.fileName('edit');
      const text = stringify(outcome.saved, { lineWidth: 0 });
      this.cluster.files.set(name, text);
      this.recorder.addFile(name, text);
      // Replayed as an apply of the edited object: the closest command-language form of an edit.
      this.recordAction(`kubectl apply -f ${name}`);
    }
    return { kind: 'edited', markers: outcome.markers, ...outputOf(outcome.proc, key) };
  }
}
