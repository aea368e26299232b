import { formatTemplateOutput } from '../../helm/manifests';
import { HELM_VERSION } from '../../helm/render-context';
import { repoAdd, repoList, repoRemove, repoUpdate, searchRepo, showChart, showValues, type RepoEntry } from '../../helm/repo';
import { renderStep } from '../../helm/release/render-step';
import { validateReleaseName } from '../../helm/release/validate';
import type { ExitCode, Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { namespaceOf, type HelmCommand } from './command';
import { actionContext, printError, VALUES_FLAGS, VERSION_FLAG } from './run-action';
import { locateChart, reposOf, setRepos, userValues } from './sources';

/** Client-side verbs: repo, search, show, template, version. */

function repoResult(inv: Invocation, r: { ok: true; output: string; repos?: RepoEntry[] } | { ok: false; error: string }): ExitCode {
  if (!r.ok) return printError(inv, r.error);
  if (r.repos) setRepos(inv.host, r.repos);
  inv.proc.out(r.output.replace(/\n$/, ''));
  return 0;
}

const repoAddCmd: HelmCommand = {
  name: 'add',
  use: 'add [NAME] [URL]',
  short: 'add a chart repository',
  args: { exact: 2 },
  flags: [{ name: 'force-update', type: 'bool', usage: 'replace (overwrite) the repo if it already exists' }],
  run: (inv, flags, args) => {
    const [name, url] = [args[0]!, args[1]!];
    const current = flags.bool('force-update') ? reposOf(inv.host).filter((r) => r.name !== name) : reposOf(inv.host);
    return repoResult(inv, repoAdd(current, name, url));
  },
};

const repoListCmd: HelmCommand = { name: 'list', aliases: ['ls'], use: 'list', short: 'list chart repositories', args: 'none', flags: [], run: (inv) => repoResult(inv, repoList(reposOf(inv.host))) };

const repoRemoveCmd: HelmCommand = {
  name: 'remove',
  aliases: ['rm'],
  use: 'remove [REPO1 [REPO2 ...]]',
  short: 'remove one or more chart repositories',
  args: { min: 1 },
  flags: [],
  run: (inv, _flags, args) => {
    for (const name of args) {
      const code = repoResult(inv, repoRemove(reposOf(inv.host), name));
      if (code !== 0) return code;
    }
    return 0;
  },
};

const repoUpdateCmd: HelmCommand = { name: 'update', aliases: ['up'], use: 'update [REPO1 [REPO2 ...]]', short: 'update information of available charts locally from chart repositories', flags: [], run: (inv) => repoResult(inv, repoUpdate(reposOf(inv.host))) };

export const repoCommand: HelmCommand = {
  name: 'repo',
  use: 'repo add|remove|list|index|update [ARGS]',
  short: 'add, list, remove, update, and index chart repositories',
  long: 'This command consists of multiple subcommands to interact with chart repositories.\n\nIt can be used to add, remove, list, and index chart repositories.',
  flags: [],
  subcommands: [repoAddCmd, repoListCmd, repoRemoveCmd, repoUpdateCmd],
};

const searchRepoCmd: HelmCommand = {
  name: 'repo',
  use: 'repo [keyword]',
  short: 'search repositories for a keyword in charts',
  long: 'Search reads through all of the repositories configured on the system, and\nlooks for matches. Search of these repositories uses the metadata stored on\nthe system.',
  flags: [],
  run: (inv, _flags, args) => repoResult(inv, searchRepo(reposOf(inv.host), args.join(' '))),
};

export const searchCommand: HelmCommand = { name: 'search', use: 'search [keyword]', short: 'search for a keyword in charts', long: 'Search provides the ability to search for Helm charts in the various places\nthey can be stored including the Artifact Hub and repositories you have added.', flags: [], subcommands: [searchRepoCmd] };

function showCmd(name: 'values' | 'chart', short: string): HelmCommand {
  return {
    name,
    use: `${name} [CHART]`,
    short,
    args: { exact: 1 },
    flags: [VERSION_FLAG],
    run: (inv, flags, args) => {
      const c = locateChart(inv.host, args[0]!, flags.string('version'));
      if (!c.ok) return printError(inv, c.error);
      inv.proc.out((name === 'values' ? showValues(c.chart.valuesText) : showChart(c.chart.metadata)).replace(/\n$/, ''));
      return 0;
    },
  };
}

export const showCommand: HelmCommand = {
  name: 'show',
  aliases: ['inspect'],
  use: 'show',
  short: 'show information of a chart',
  long: 'This command consists of multiple subcommands to display information about a chart',
  flags: [],
  subcommands: [showCmd('chart', 'show the chart\'s definition'), showCmd('values', 'show the chart\'s values')],
};

function runTemplate(inv: Invocation, flags: ParsedFlags, args: readonly string[]): ExitCode {
  if (args.length > 2) return printError(inv, `expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`);
  const [name, chartRef] = args.length === 2 ? [args[0]!, args[1]!] : ['release-name', args[0]!];
  const ctx = actionContext(inv);
  const chart = locateChart(inv.host, chartRef, flags.string('version'));
  if (!chart.ok) return printError(inv, chart.error);
  const values = userValues(inv.host, flags);
  if (!values.ok) return printError(inv, values.error);
  const bad = validateReleaseName(name);
  if (bad) return printError(inv, `release name ${JSON.stringify(name)}: ${bad}`);
  const r = renderStep(ctx, chart.chart, values.values, { name, namespace: namespaceOf(flags), revision: 1, isInstall: true, isUpgrade: false });
  if (!r.ok) return printError(inv, `${r.error}\n\nUse --debug flag to render out invalid YAML`);
  for (const w of r.warnings) inv.proc.err(w);
  inv.proc.out(formatTemplateOutput(r.rendered.manifests, r.rendered.hooks, !flags.bool('no-hooks')).replace(/\n$/, ''));
  return 0;
}

export const templateCommand: HelmCommand = {
  name: 'template',
  use: 'template [NAME] [CHART]',
  short: 'locally render templates',
  long: `Render chart templates locally and display the output.

Any values that would normally be looked up or retrieved in-cluster will be
faked locally. Additionally, none of the server-side testing of chart validity
(e.g. whether an API is supported) is done.`,
  args: { min: 1 },
  flags: [...VALUES_FLAGS, VERSION_FLAG, { name: 'no-hooks', type: 'bool', usage: 'prevent hooks from running during install' }],
  run: runTemplate,
};

export const versionCommand: HelmCommand = {
  name: 'version',
  use: 'version',
  short: 'print the client version information',
  long: 'Show the version for Helm.',
  args: 'none',
  flags: [{ name: 'short', type: 'bool', usage: 'print the version number' }],
  run: (inv, flags) => {
    // A build without release ldflags: no commit or tree state to report.
    inv.proc.out(flags.bool('short') ? HELM_VERSION : `version.BuildInfo{Version:"${HELM_VERSION}", GitCommit:"", GitTreeState:"", GoVersion:"go1.24"}`);
    return 0;
  },
};
