import { statusText } from '../../helm/release/printers';
import { ReleaseStatus } from '../../helm/release/release';
import { upgrade } from '../../helm/release/upgrade';
import type { ExitCode, Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { namespaceOf, type HelmCommand } from './command';
import { printInstallResult, runInstallAction } from './install-cmd';
import {
  actionContext, DESCRIPTION_FLAG, HISTORY_MAX_FLAG, noHooksFlag, printError, startTask, timeoutOf, TIMEOUT_FLAG,
  VALUES_FLAGS, VERSION_FLAG, WAIT_FLAG, WAIT_FOR_JOBS_FLAG,
} from './run-action';
import { locateChart, userValues } from './sources';

/** `helm upgrade [RELEASE] [CHART]` (cmd/helm/upgrade.go), with `--install`. */

function runUpgradeCmd(inv: Invocation, flags: ParsedFlags, args: readonly string[]): ExitCode {
  const [name, chartRef] = [args[0]!, args[1]!];
  const namespace = namespaceOf(flags);
  const ctx = actionContext(inv);
  if (flags.bool('install')) {
    const history = ctx.storage.history(name, namespace);
    const last = history.at(-1);
    if (!last || last.info.status === ReleaseStatus.Uninstalled) {
      inv.proc.out(`Release ${JSON.stringify(name)} does not exist. Installing it now.`);
      // upgrade --install reports install errors without the INSTALLATION FAILED prefix.
      return runInstallAction(inv, ctx, flags, { name, chartRef, namespace, replace: last !== undefined }, (r) => printInstallResult(inv, r, ''));
    }
  }
  const chart = locateChart(inv.host, chartRef, flags.string('version'));
  if (!chart.ok) return printError(inv, chart.error);
  const values = userValues(inv.host, flags);
  if (!values.ok) return printError(inv, values.error);
  const task = upgrade(ctx, {
    name,
    namespace,
    chart: chart.chart,
    values: values.values,
    reuseValues: flags.bool('reuse-values'),
    resetValues: flags.bool('reset-values'),
    wait: flags.bool('wait'),
    waitForJobs: flags.bool('wait-for-jobs'),
    atomic: flags.bool('atomic'),
    timeoutMs: timeoutOf(flags),
    disableHooks: flags.bool('no-hooks'),
    maxHistory: flags.int('history-max') ?? 10,
    description: flags.string('description') ?? '',
  });
  return startTask(inv, ctx, task, (r) => {
    for (const w of r.warnings) inv.proc.err(w);
    if (!r.ok) return printError(inv, `UPGRADE FAILED: ${r.error}`);
    inv.proc.out(`Release ${JSON.stringify(name)} has been upgraded. Happy Helming!`);
    inv.proc.out(statusText(r.release));
    return 0;
  });
}

export const upgradeCommand: HelmCommand = {
  name: 'upgrade',
  use: 'upgrade [RELEASE] [CHART]',
  short: 'upgrade a release',
  long: `This command upgrades a release to a new version of a chart.

The upgrade arguments must be a release and chart. The chart
argument can be either: a chart reference('example/mariadb'), a path to a chart directory,
a packaged chart, or a fully qualified URL. For chart references, the latest
version will be specified unless the '--version' flag is set.

To override values in a chart, use either the '--values' flag and pass in a file
or use the '--set' flag and pass configuration from the command line. If no values
are given, the values of the current release are reused.

    $ helm upgrade --set foo=bar --set foo=newbar redis ./redis

Objects the new chart no longer renders are deleted, unless annotated
'helm.sh/resource-policy: keep'.`,
  args: { exact: 2 },
  flags: [
    ...VALUES_FLAGS,
    { name: 'install', short: 'i', type: 'bool', usage: 'if a release by this name doesn\'t already exist, run an install' },
    { name: 'create-namespace', type: 'bool', usage: 'if --install is set, create the release namespace if not present' },
    { name: 'reuse-values', type: 'bool', usage: 'when upgrading, reuse the last release\'s values and merge in any overrides from the command line via --set and -f. If \'--reset-values\' is specified, this is ignored' },
    { name: 'reset-values', type: 'bool', usage: 'when upgrading, reset the values to the ones built into the chart' },
    WAIT_FLAG,
    WAIT_FOR_JOBS_FLAG,
    TIMEOUT_FLAG,
    { name: 'atomic', type: 'bool', usage: 'if set, upgrade process rolls back changes made in case of failed upgrade. The --wait flag will be set automatically if --atomic is used' },
    VERSION_FLAG,
    HISTORY_MAX_FLAG,
    noHooksFlag('upgrade'),
    DESCRIPTION_FLAG,
  ],
  run: runUpgradeCmd,
};
