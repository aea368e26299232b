import { listReleases } from '../../helm/release/list';
import { historyTable, listTable, statusText, valuesText } from '../../helm/release/printers';
import { ReleaseStatus, type Release } from '../../helm/release/release';
import { ERR_RELEASE_NOT_FOUND } from '../../helm/release/storage';
import type { HelmContext } from '../../helm/release/context';
import type { ExitCode, Invocation } from '../invocation';
import type { FlagSpec, ParsedFlags } from '../shell/flags';
import { namespaceOf, type HelmCommand } from './command';
import { actionContext, printError } from './run-action';

/** The read-only verbs: list, status, history, get values / manifest / notes. */

const REVISION_FLAG: FlagSpec = { name: 'revision', type: 'int', usage: 'get the named release with revision' };

/** releaseContent: a given revision, or the latest. */
function releaseOf(ctx: HelmContext, flags: ParsedFlags, name: string): Release | string {
  const namespace = namespaceOf(flags);
  const revision = flags.int('revision') ?? 0;
  const rel = revision > 0 ? ctx.storage.get(name, namespace, revision) : ctx.storage.last(name, namespace);
  return rel ?? ERR_RELEASE_NOT_FOUND;
}

function withRelease(print: (inv: Invocation, flags: ParsedFlags, rel: Release) => void) {
  return (inv: Invocation, flags: ParsedFlags, args: readonly string[]): ExitCode => {
    const rel = releaseOf(actionContext(inv), flags, args[0]!);
    if (typeof rel === 'string') return printError(inv, rel);
    print(inv, flags, rel);
    return 0;
  };
}

const STATE_FLAGS: readonly [string, ReleaseStatus[], string][] = [
  ['deployed', [ReleaseStatus.Deployed], 'show deployed releases. If no other is specified, this will be automatically enabled'],
  ['failed', [ReleaseStatus.Failed], 'show failed releases'],
  ['pending', [ReleaseStatus.PendingInstall, ReleaseStatus.PendingUpgrade, ReleaseStatus.PendingRollback], 'show pending releases'],
  ['superseded', [ReleaseStatus.Superseded], 'show superseded releases'],
  ['uninstalled', [ReleaseStatus.Uninstalled], 'show uninstalled releases (if \'helm uninstall --keep-history\' was used)'],
  ['uninstalling', [ReleaseStatus.Uninstalling], 'show releases that are currently being uninstalled'],
];

/**
 * Go's RE2 matches in linear time; JavaScript backtracks. A filter may repeat at most three
 * times and never repeat a group, so no pattern can take more than polynomial time on a
 * release name (at most 53 characters).
 */
export function unsafeFilter(pattern: string): boolean {
  const plain = pattern.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  return pattern.length > 256 || /\)\s*[*+?{]/.test(plain) || (plain.match(/[*+?{]/g)?.length ?? 0) > 3;
}

function runList(inv: Invocation, flags: ParsedFlags): ExitCode {
  const filterText = flags.string('filter');
  let filter: RegExp | undefined;
  if (filterText) {
    if (unsafeFilter(filterText)) return printError(inv, `error parsing regexp: the sandbox allows at most 3 repetition operators and none on a group: \`${filterText.slice(0, 256)}\``);
    try {
      filter = new RegExp(filterText);
    } catch {
      return printError(inv, `error parsing regexp: invalid regular expression: \`${filterText}\``);
    }
  }
  const rels = listReleases(actionContext(inv), {
    namespace: flags.bool('all-namespaces') ? undefined : namespaceOf(flags),
    states: STATE_FLAGS.filter(([name]) => flags.bool(name)).flatMap(([, states]) => states),
    all: flags.bool('all'),
    filter,
    byDate: flags.bool('date'),
    reverse: flags.bool('reverse'),
    max: flags.int('max') ?? 256,
  });
  if (flags.bool('short')) {
    if (rels.length > 0) inv.proc.out(rels.map((r) => r.name).join('\n'));
    return 0;
  }
  inv.proc.out(listTable(rels, flags.bool('no-headers')));
  return 0;
}

export const listCommand: HelmCommand = {
  name: 'list',
  aliases: ['ls'],
  use: 'list [flags]',
  short: 'list releases',
  long: `This command lists all of the releases for a specified namespace (uses current namespace context if namespace not specified).

By default, it lists only releases that are deployed or failed. Flags like
'--uninstalled' and '--all' will alter this behavior. Such flags can be combined:
'--uninstalled --failed'.

By default, items are sorted alphabetically. Use the '-d' flag to sort by
release date.`,
  args: 'none',
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'show all releases without any filter applied' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'list releases across all namespaces' },
    { name: 'date', short: 'd', type: 'bool', usage: 'sort by release date' },
    { name: 'reverse', short: 'r', type: 'bool', usage: 'reverse the sort order' },
    { name: 'max', short: 'm', type: 'int', default: 256, usage: 'maximum number of releases to fetch' },
    { name: 'short', short: 'q', type: 'bool', usage: 'output short (quiet) listing format' },
    { name: 'no-headers', type: 'bool', usage: 'don\'t print headers when using the default output format' },
    { name: 'filter', type: 'string', usage: 'a regular expression (Perl compatible). Any releases that match the expression will be included in the results' },
    ...STATE_FLAGS.map(([name, , usage]): FlagSpec => ({ name, type: 'bool', usage })),
  ],
  run: (inv, flags) => runList(inv, flags),
};

export const statusCommand: HelmCommand = {
  name: 'status',
  use: 'status RELEASE_NAME',
  short: 'display the status of the named release',
  long: `This command shows the status of a named release.
The status consists of:
- last deployment time
- k8s namespace in which the release lives
- state of the release (can be: unknown, deployed, uninstalled, superseded, failed, uninstalling, pending-install, pending-upgrade or pending-rollback)
- revision of the release
- description of the release (can be completion message or error message, need to enable --show-desc)
- details on last test suite run, if applicable
- additional notes provided by the chart`,
  args: { exact: 1 },
  flags: [REVISION_FLAG, { name: 'show-desc', type: 'bool', usage: 'if set, display the description message of the named release' }],
  run: withRelease((inv, flags, rel) => inv.proc.out(statusText(rel, { showDescription: flags.bool('show-desc') }))),
};

export const historyCommand: HelmCommand = {
  name: 'history',
  aliases: ['hist'],
  use: 'history RELEASE_NAME',
  short: 'fetch release history',
  long: `History prints historical revisions for a given release.

A default maximum of 256 revisions will be returned. Setting '--max'
configures the maximum length of the revision list returned.`,
  args: { exact: 1 },
  flags: [{ name: 'max', type: 'int', default: 256, usage: 'maximum number of revision to include in history' }],
  run: (inv, flags, args) => {
    const rels = actionContext(inv).storage.history(args[0]!, namespaceOf(flags));
    if (rels.length === 0) return printError(inv, ERR_RELEASE_NOT_FOUND);
    inv.proc.out(historyTable(rels, flags.int('max') ?? 256));
    return 0;
  },
};

const getValues: HelmCommand = {
  name: 'values',
  use: 'values RELEASE_NAME',
  short: 'download the values file for a named release',
  long: 'This command downloads a values file for a given release.',
  args: { exact: 1 },
  flags: [{ name: 'all', short: 'a', type: 'bool', usage: 'dump all (computed) values' }, REVISION_FLAG],
  run: withRelease((inv, flags, rel) => inv.proc.out(valuesText(rel, flags.bool('all')).replace(/\n$/, ''))),
};

const getManifest: HelmCommand = {
  name: 'manifest',
  use: 'manifest RELEASE_NAME',
  short: 'download the manifest for a named release',
  long: `This command fetches the generated manifest for a given release.

A manifest is a YAML-encoded representation of the Kubernetes resources that
were generated from this release's chart(s). If a chart is dependent on other
charts, those resources will also be included in the manifest.`,
  args: { exact: 1 },
  flags: [REVISION_FLAG],
  run: withRelease((inv, _flags, rel) => inv.proc.out(rel.manifest)),
};

const getNotes: HelmCommand = {
  name: 'notes',
  use: 'notes RELEASE_NAME',
  short: 'download the notes for a named release',
  long: 'This command shows notes provided by the chart of a named release.',
  args: { exact: 1 },
  flags: [REVISION_FLAG],
  run: withRelease((inv, _flags, rel) => {
    if (rel.info.notes.length > 0) inv.proc.out(`NOTES:\n${rel.info.notes}`);
  }),
};

const getHooks: HelmCommand = {
  name: 'hooks',
  use: 'hooks RELEASE_NAME',
  short: 'download all hooks for a named release',
  long: `This command downloads hooks for a given release.

Hooks are formatted in YAML and separated by the YAML '---\\n' separator.`,
  args: { exact: 1 },
  flags: [REVISION_FLAG],
  // get_hooks.go: each hook as `---\n# Source: <path>\n<manifest>\n`, in the release's order.
  run: withRelease((inv, _flags, rel) => {
    if (rel.hooks.length > 0) inv.proc.out(rel.hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}`).join('\n'));
  }),
};

export const getCommand: HelmCommand = {
  name: 'get',
  use: 'get',
  short: 'download extended information of a named release',
  long: `This command consists of multiple subcommands which can be used to
get extended information about the release, including:

- The values used to generate the release
- The generated manifest file
- The notes provided by the chart of the release
- The hooks associated with the release`,
  flags: [],
  subcommands: [getHooks, getManifest, getNotes, getValues],
};
