import { helmContext, logPhase, type HelmContext } from '../../helm/release/context';
import { runTask, type Task, type TaskHost } from '../../helm/release/task';
import { guarded, type ExitCode, type Invocation } from '../invocation';
import type { FlagSpec } from '../shell/flags';

/** Shared pieces of the helm verbs: the action context, the task runner, common flags. */

export function actionContext(inv: Invocation): HelmContext {
  const ctx = helmContext(inv.host.env, inv.host.api, inv.opId);
  logPhase(ctx, 'command', inv.proc.command);
  return ctx;
}

/**
 * Runs an action: synchronously when it never waits (the exit code is returned), else the
 * command stays 'pending' and exits when the action finishes; Ctrl-C stops the waiting.
 */
export function startTask<T>(inv: Invocation, ctx: HelmContext, task: Task<T>, finish: (value: T) => number): ExitCode {
  let sync = true;
  let code: number | undefined;
  const host: TaskHost = { onExit: (fn) => inv.proc.onExit(fn), guard: (fn) => guarded(inv, fn) };
  runTask(ctx, host, task, (value) => {
    const c = finish(value);
    if (sync) code = c;
    else inv.proc.exit(c);
  });
  sync = false;
  return code ?? 'pending';
}

/** Helm's error line(s): `Error: …` (a multi-error keeps its tab-indented lines). */
export function printError(inv: Invocation, message: string): 1 {
  inv.proc.err(`Error: ${message}`);
  return 1;
}

export const VALUES_FLAGS: readonly FlagSpec[] = [
  { name: 'values', short: 'f', type: 'stringSlice', usage: 'specify values in a YAML file or a URL (can specify multiple)' },
  { name: 'set', type: 'stringArray', usage: 'set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)' },
  { name: 'set-string', type: 'stringArray', usage: 'set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)' },
];

export const TIMEOUT_FLAG: FlagSpec = { name: 'timeout', type: 'duration', default: '5m0s', usage: 'time to wait for any individual Kubernetes operation (like Jobs for hooks)' };

export const WAIT_FLAG: FlagSpec = {
  name: 'wait',
  type: 'bool',
  usage: 'if set, will wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment, StatefulSet, or ReplicaSet are in a ready state before marking the release as successful. It will wait for as long as --timeout',
};

export const WAIT_FOR_JOBS_FLAG: FlagSpec = {
  name: 'wait-for-jobs',
  type: 'bool',
  usage: 'if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful. It will wait for as long as --timeout',
};

export const VERSION_FLAG: FlagSpec = { name: 'version', type: 'string', usage: 'specify a version constraint for the chart version to use. This constraint can be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest version is used' };

export function noHooksFlag(verb: string): FlagSpec {
  return { name: 'no-hooks', type: 'bool', usage: `prevent hooks from running during ${verb}` };
}

export const DESCRIPTION_FLAG: FlagSpec = { name: 'description', type: 'string', usage: 'add a custom description' };

export const HISTORY_MAX_FLAG: FlagSpec = { name: 'history-max', type: 'int', default: 10, usage: 'limit the maximum number of revisions saved per release. Use 0 for no limit' };

export function timeoutOf(flags: { durationMs(name: string): number | undefined }): number {
  return flags.durationMs('timeout') ?? 300_000;
}
