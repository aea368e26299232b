import { fail, type ExitCode, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import { statusLines } from '../errors';
import { getObject, listObjects, scopeFromFlags, type Scope } from '../fetch';
import { parseResourceArgs, type ResourceRequest } from '../resource-args';
import { ALL_NAMESPACES_FLAG, OUTPUT_FLAG, SELECTOR_FLAG, VerbGroup, type Verb } from '../verb';
import { renderObjects, renderTables, unsupportedOutput, type Group, type TableOptions } from './render';
import { sortByPath } from './sort-by';
import { watchResources } from './watch';

const REQUIRED = [
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
  '',
  'error: Required resource not specified.',
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
  "See 'kubectl get -h' for help and examples",
];

function tableOptions(inv: Invocation, flags: ParsedFlags, req: ResourceRequest): TableOptions {
  const output = flags.string('output') ?? '';
  return {
    wide: output === 'wide',
    showLabels: flags.bool('show-labels'),
    allNamespaces: flags.bool('all-namespaces'),
    withKind: req.multipleKinds || flags.bool('show-kind'),
    noHeaders: flags.bool('no-headers'),
    nowMs: inv.host.env.now(),
  };
}

/** Fetches what was asked for, grouped by kind in request order; errors are collected, not thrown. */
function fetchGroups(inv: Invocation, req: ResourceRequest, scope: Scope, ignoreNotFound: boolean): { groups: Group[]; errors: string[] } {
  const groups: Group[] = [];
  const errors: string[] = [];
  for (const r of req.types) groups.push({ r, items: listObjects(inv, r, scope) });
  for (const { r, name } of req.named) {
    const res = getObject(inv, r, scope.namespace, name);
    if (!res.ok) {
      if (!(ignoreNotFound && res.status.code === 404)) errors.push(...statusLines(res.status));
      continue;
    }
    const last = groups[groups.length - 1];
    if (last && last.r === r) groups[groups.length - 1] = { r, items: [...last.items, res.value] };
    else groups.push({ r, items: [res.value] });
  }
  return { groups, errors };
}

function noResources(req: ResourceRequest, scope: Scope): string {
  const namespaced = !scope.allNamespaces && [...req.types, ...req.named.map((n) => n.r)].every((r) => r.namespaced);
  return namespaced ? `No resources found in ${scope.namespace} namespace.` : 'No resources found';
}

function runGet(inv: Invocation, flags: ParsedFlags): ExitCode {
  const { proc } = inv;
  if (flags.args.length === 0) fail(...REQUIRED);
  const req = parseResourceArgs(flags.args);
  const scope = scopeFromFlags(flags);
  const output = flags.string('output') ?? '';
  if (output !== '' && output !== 'wide' && !['yaml', 'json', 'name'].includes(output) && !output.startsWith('jsonpath')) unsupportedOutput(output);
  if (flags.bool('watch') || flags.bool('watch-only')) return watchResources(inv, flags, req, scope, tableOptions(inv, flags, req));
  const { groups, errors } = fetchGroups(inv, req, scope, flags.bool('ignore-not-found'));
  const sortBy = flags.string('sort-by');
  const sorted = sortBy ? groups.map((g) => ({ r: g.r, items: sortByPath(g.items, sortBy) })) : groups;
  const total = sorted.reduce((n, g) => n + g.items.length, 0);
  if (output === '' || output === 'wide') {
    const lines = renderTables(sorted, tableOptions(inv, flags, req));
    if (lines.length > 0) proc.out(lines.join('\n'));
  } else if (total > 0 || output === 'yaml' || output === 'json') {
    const single = req.named.length === 1 && req.types.length === 0;
    if (total > 0 || !single) {
      const lines = renderObjects(output, sorted, single);
      if (lines.length > 0) proc.out(lines.join('\n'));
    }
  }
  for (const e of errors) proc.err(e);
  if (total === 0 && errors.length === 0 && !flags.bool('ignore-not-found') && (output === '' || output === 'wide' || output === 'name')) {
    proc.err(noResources(req, scope));
  }
  return errors.length > 0 ? 1 : 0;
}

export const getVerb: Verb = {
  name: 'get',
  group: VerbGroup.Intermediate,
  short: 'Display one or many resources',
  long: 'Display one or many resources.\n\n Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.',
  usage: 'kubectl get [(-o|--output=)json|yaml|name|wide|jsonpath] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  examples: [
    '# List all pods in ps output format',
    'kubectl get pods',
    '',
    '# List all pods in ps output format with more information (such as node name)',
    'kubectl get pods -o wide',
    '',
    '# List a single deployment with specified NAME in JSON output format',
    'kubectl get -o json deployment web',
    '',
    '# List events sorted by time',
    'kubectl get events --sort-by=.lastTimestamp',
    '',
    '# Watch pods as they change',
    'kubectl get pods -w',
  ].join('\n'),
  flags: [
    ALL_NAMESPACES_FLAG,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on, supports \'=\' and \'==\' (e.g. --field-selector key1=value1,key2=value2).' },
    { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'no-headers', type: 'bool', usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { name: 'sort-by', type: 'string', usage: 'If non-empty, sort list types using this field specification. The field specification is expressed as a JSONPath expression (e.g. \'{.metadata.name}\').' },
    { name: 'watch', short: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'ignore-not-found', type: 'bool', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist.' },
  ],
  run: runGet,
};
