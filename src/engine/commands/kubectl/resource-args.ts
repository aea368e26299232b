import { resolveResource, resourceByName, type ResourceInfo } from '../../api/resources';
import { fail } from '../invocation';
import { unknownResourceType } from './errors';

/** `kubectl get all`: the "all" category, in discovery order. */
const ALL_CATEGORY = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

export interface NamedRef {
  readonly r: ResourceInfo;
  readonly name: string;
}

export interface ResourceRequest {
  /** Types listed whole (`get pods,svc`), in the order given. */
  readonly types: readonly ResourceInfo[];
  /** Objects by name (`get pod web`, `get pod/web svc/kubernetes`), in the order given. */
  readonly named: readonly NamedRef[];
  /** Whether several kinds were asked for (names are then printed as `kind/name`). */
  readonly multipleKinds: boolean;
  /** Whether the request was written as TYPE/NAME. */
  readonly slashForm: boolean;
}

export function resolveType(typed: string): ResourceInfo {
  const r = resolveResource(typed);
  if (!r) throw unknownResourceType(typed);
  return r;
}

function expandTypes(list: string): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const t of list.split(',')) {
    if (t === '') continue;
    if (t === 'all') {
      for (const name of ALL_CATEGORY) {
        const r = resourceByName(name);
        if (r && !out.includes(r)) out.push(r);
      }
      continue;
    }
    const r = resolveType(t);
    if (!out.includes(r)) out.push(r);
  }
  return out;
}

/** kubectl's ResourceTypeOrNameArgs: `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`. */
export function parseResourceArgs(args: readonly string[]): ResourceRequest {
  if (args.length === 0) return { types: [], named: [], multipleKinds: false, slashForm: false };
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      fail("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
    const named = args.map((a) => {
      const slash = a.indexOf('/');
      const name = a.slice(slash + 1);
      if (slash === 0 || name === '' || name.includes('/')) fail('error: arguments in resource/name form must have a single resource and name');
      return { r: resolveType(a.slice(0, slash)), name };
    });
    const kinds = new Set(named.map((n) => n.r.kind));
    return { types: [], named, multipleKinds: kinds.size > 1, slashForm: true };
  }
  const [typeList, ...names] = args;
  const types = expandTypes(typeList!);
  if (types.length === 0) fail(`error: the server doesn't have a resource type "${typeList}"`);
  const multipleKinds = types.length > 1 || typeList!.split(',').includes('all');
  if (names.length === 0) return { types, named: [], multipleKinds, slashForm: false };
  const named: NamedRef[] = [];
  for (const r of types) for (const name of names) named.push({ r, name });
  return { types: [], named, multipleKinds, slashForm: false };
}
