import { unixSeconds } from '../../helm/release/gotime';
import { install, type ActionResult } from '../../helm/release/install';
import { statusText } from '../../helm/release/printers';
import type { HelmContext } from '../../helm/release/context';
import type { ExitCode, Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { namespaceOf, type HelmCommand } from './command';
import {
  actionContext, DESCRIPTION_FLAG, noHooksFlag, printError, startTask, timeoutOf, TIMEOUT_FLAG,
  VALUES_FLAGS, VERSION_FLAG, WAIT_FLAG, WAIT_FOR_JOBS_FLAG,
} from './run-action';
import { locateChart, userValues } from './sources';

/** `helm install [NAME] [CHART]` (cmd/helm/install.go). */

/** Install.NameAndChart: the release name and chart reference from the arguments and flags. */
export function nameAndChart(inv: Invocation, flags: ParsedFlags, args: readonly string[]): { ok: true; name: string; chart: string } | { ok: false; error: string } {
  const generate = flags.bool('generate-name');
  if (args.length > 2) return { ok: false, error: `expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}` };
  if (args.length === 2) {
    if (generate) return { ok: false, error: 'cannot set --generate-name and also specify a name' };
    return { ok: true, name: args[0]!, chart: args[1]! };
  }
  const chart = args[0]!;
  if (!generate) return { ok: false, error: 'must either provide a name or specify --generate-name' };
  let base = chart.replace(/\/+$/, '');
  base = base.slice(base.lastIndexOf('/') + 1);
  if (base === '.' || base === '') base = 'chart';
  const dot = base.indexOf('.');
  if (dot !== -1) base = base.slice(0, dot);
  return { ok: true, name: `${base}-${unixSeconds(inv.host.env.now())}`, chart };
}

export interface InstallRun {
  readonly name: string;
  readonly chartRef: string;
  readonly namespace: string;
  readonly replace: boolean;
}

/** runInstall: chart and values, then the install action. Errors come back as text (the caller adds its prefix). */
export function runInstallAction(inv: Invocation, ctx: HelmContext, flags: ParsedFlags, run: InstallRun, finish: (r: ActionResult) => number): ExitCode {
  const chart = locateChart(inv.host, run.chartRef, flags.string('version'));
  if (!chart.ok) return finish({ ok: false, error: chart.error, warnings: [] });
  const values = userValues(inv.host, flags);
  if (!values.ok) return finish({ ok: false, error: values.error, warnings: [] });
  const task = install(ctx, {
    name: run.name,
    namespace: run.namespace,
    chart: chart.chart,
    values: values.values,
    createNamespace: flags.bool('create-namespace'),
    wait: flags.bool('wait'),
    waitForJobs: flags.bool('wait-for-jobs'),
    atomic: flags.bool('atomic'),
    timeoutMs: timeoutOf(flags),
    disableHooks: flags.bool('no-hooks'),
    replace: run.replace,
    description: flags.string('description') ?? '',
    dryRun: flags.bool('dry-run'),
  });
  return startTask(inv, ctx, task, finish);
}

/** Prints a finished install: warnings on stderr, then the status block or the error. */
export function printInstallResult(inv: Invocation, r: ActionResult, errorPrefix: string): number {
  for (const w of r.warnings) inv.proc.err(w);
  if (!r.ok) return printError(inv, `${errorPrefix}${r.error}`);
  inv.proc.out(statusText(r.release));
  return 0;
}

function runInstallCmd(inv: Invocation, flags: ParsedFlags, args: readonly string[]): ExitCode {
  const ctx = actionContext(inv);
  const prefix = 'INSTALLATION FAILED: ';
  const nc = nameAndChart(inv, flags, args);
  if (!nc.ok) return printError(inv, `${prefix}${nc.error}`);
  return runInstallAction(inv, ctx, flags, { name: nc.name, chartRef: nc.chart, namespace: namespaceOf(flags), replace: flags.bool('replace') }, (r) => printInstallResult(inv, r, prefix));
}

export const installCommand: HelmCommand = {
  name: 'install',
  use: 'install [NAME] [CHART]',
  short: 'install a chart',
  long: `This command installs a chart archive.

The install argument must be a chart reference, a path to a packaged chart,
a path to an unpacked chart directory or a URL.

To override values in a chart, use either the '--values' flag and pass in a file
or use the '--set' flag and pass configuration from the command line.

    $ helm install -f myvalues.yaml myredis ./redis

or

    $ helm install --set name=prod myredis ./redis

You can specify the '--values'/'-f' flag multiple times. The priority will be given to the
last (right-most) file specified.

If '--wait' is set, Helm waits until all resources are ready (polling every 2s) or
'--timeout' passes; '--atomic' uninstalls the release when the install fails.`,
  args: { min: 1 },
  flags: [
    ...VALUES_FLAGS,
    { name: 'create-namespace', type: 'bool', usage: 'create the release namespace if not present' },
    WAIT_FLAG,
    WAIT_FOR_JOBS_FLAG,
    TIMEOUT_FLAG,
    { name: 'atomic', type: 'bool', usage: 'if set, the installation process deletes the installation on failure. The --wait flag will be set automatically if --atomic is used' },
    VERSION_FLAG,
    { name: 'generate-name', short: 'g', type: 'bool', usage: 'generate the name (and omit the NAME parameter)' },
    { name: 'replace', type: 'bool', usage: 're-use the given name, only if that name is a deleted release which remains in the history. This is unsafe in production' },
    noHooksFlag('install'),
    DESCRIPTION_FLAG,
    { name: 'dry-run', type: 'bool', usage: 'simulate an install: render the chart and print the release with its manifest, send nothing to the cluster' },
  ],
  run: runInstallCmd,
};
