import { rollback } from '../../helm/release/rollback';
import type { Task } from '../../helm/release/task';
import { uninstall } from '../../helm/release/uninstall';
import type { HelmContext } from '../../helm/release/context';
import type { ExitCode, Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { namespaceOf, type HelmCommand } from './command';
import { actionContext, DESCRIPTION_FLAG, HISTORY_MAX_FLAG, noHooksFlag, printError, startTask, timeoutOf, TIMEOUT_FLAG, WAIT_FLAG, WAIT_FOR_JOBS_FLAG } from './run-action';

/** `helm rollback` and `helm uninstall` (cmd/helm/rollback.go, uninstall.go). */

function runRollbackCmd(inv: Invocation, flags: ParsedFlags, args: readonly string[]): ExitCode {
  let version = 0;
  if (args.length > 1) {
    const text = args[1]!;
    if (!/^[+-]?\d+$/.test(text)) return printError(inv, `could not convert revision to a number: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
    version = Number(text);
  }
  const ctx = actionContext(inv);
  const task = rollback(ctx, {
    name: args[0]!,
    namespace: namespaceOf(flags),
    version,
    wait: flags.bool('wait'),
    waitForJobs: flags.bool('wait-for-jobs'),
    timeoutMs: timeoutOf(flags),
    disableHooks: flags.bool('no-hooks'),
    maxHistory: flags.int('history-max') ?? 10,
  });
  return startTask(inv, ctx, task, (r) => {
    if (!r.ok) return printError(inv, r.error);
    inv.proc.out('Rollback was a success! Happy Helming!');
    return 0;
  });
}

export const rollbackCommand: HelmCommand = {
  name: 'rollback',
  use: 'rollback <RELEASE> [REVISION]',
  short: 'roll back a release to a previous revision',
  long: `This command rolls back a release to a previous revision.

The first argument of the rollback command is the name of a release, and the
second is a revision (version) number. If this argument is omitted or set to
0, it will roll back to the previous release.

To see revision numbers, run 'helm history RELEASE'.`,
  args: { min: 1 },
  flags: [WAIT_FLAG, WAIT_FOR_JOBS_FLAG, TIMEOUT_FLAG, noHooksFlag('rollback'), HISTORY_MAX_FLAG],
  run: runRollbackCmd,
};

/** Each named release in turn; the first failure stops the rest, as Helm's loop does. */
function* uninstallAll(inv: Invocation, ctx: HelmContext, flags: ParsedFlags, names: readonly string[]): Task<number> {
  for (const name of names) {
    const r = yield* uninstall(ctx, {
      name,
      namespace: namespaceOf(flags),
      keepHistory: flags.bool('keep-history'),
      disableHooks: flags.bool('no-hooks'),
      wait: flags.bool('wait'),
      timeoutMs: timeoutOf(flags),
      description: flags.string('description') ?? '',
    });
    if (!r.ok) return printError(inv, r.error);
    if (r.kept) inv.proc.out(r.kept);
    inv.proc.out(`release ${JSON.stringify(name)} uninstalled`);
  }
  return 0;
}

function runUninstallCmd(inv: Invocation, flags: ParsedFlags, args: readonly string[]): ExitCode {
  const ctx = actionContext(inv);
  return startTask(inv, ctx, uninstallAll(inv, ctx, flags, args), (code) => code);
}

export const uninstallCommand: HelmCommand = {
  name: 'uninstall',
  aliases: ['del', 'delete', 'un'],
  use: 'uninstall RELEASE_NAME [...]',
  short: 'uninstall a release',
  long: `This command takes a release name and uninstalls the release.

It removes all of the resources associated with the last release of the chart
as well as the release history, freeing it up for future use.`,
  args: { min: 1 },
  flags: [
    { name: 'keep-history', type: 'bool', usage: 'remove all associated resources and mark the release as deleted, but retain the release history' },
    { name: 'wait', type: 'bool', usage: 'if set, will wait until all the resources are deleted before returning. It will wait for as long as --timeout' },
    TIMEOUT_FLAG,
    noHooksFlag('uninstallation'),
    DESCRIPTION_FLAG,
  ],
  run: runUninstallCmd,
};
