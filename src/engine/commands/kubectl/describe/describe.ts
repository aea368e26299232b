import type { ResourceInfo } from '../../../api/resources';
import type { Deployment, KubeObject, Namespace, Node, Pod, ReplicaSet, Service } from '../../../api/types';
import { fail, type ExitCode, type Invocation } from '../../invocation';
import type { ParsedFlags } from '../../shell/flags';
import { statusLines } from '../errors';
import { getObject, listObjects, scopeFromFlags } from '../fetch';
import { parseResourceArgs } from '../resource-args';
import { ALL_NAMESPACES_FLAG, SELECTOR_FLAG, VerbGroup, namespaceOf, type Verb } from '../verb';
import { describeGeneric, describeNamespace } from './generic';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeService } from './service';
import { describeDeployment, describeReplicaSet } from './workloads';
import { describePodDisruptionBudget } from '../../../disruption/describe-pdb';
import type { PodDisruptionBudget } from '../../../disruption/types';

function describeOne(inv: Invocation, obj: KubeObject): string[] {
  switch (obj.kind) {
    case 'Pod':
      return describePod(inv, obj as Pod);
    case 'Node':
      return describeNode(inv, obj as Node);
    case 'Deployment':
      return describeDeployment(inv, obj as Deployment);
    case 'ReplicaSet':
      return describeReplicaSet(inv, obj as ReplicaSet);
    case 'Service':
      return describeService(inv, obj as Service);
    case 'Namespace':
      return describeNamespace(inv, obj as Namespace);
    case 'PodDisruptionBudget':
      return describePodDisruptionBudget(inv, obj as PodDisruptionBudget);
    default:
      return describeGeneric(inv, obj);
  }
}

/** Exact name, else every object whose name starts with it (kubectl describe's prefix match). */
function findByName(inv: Invocation, r: ResourceInfo, namespace: string, name: string): { objs: KubeObject[]; error?: string[] } {
  const exact = getObject(inv, r, namespace, name);
  if (exact.ok) return { objs: [exact.value] };
  if (exact.status.code !== 404) return { objs: [], error: statusLines(exact.status) };
  const prefixed = listObjects(inv, r, { namespace, allNamespaces: false }).filter((o) => o.metadata.name.startsWith(name));
  return prefixed.length > 0 ? { objs: prefixed } : { objs: [], error: statusLines(exact.status) };
}

function runDescribe(inv: Invocation, flags: ParsedFlags): ExitCode {
  if (flags.args.length === 0) fail('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  const req = parseResourceArgs(flags.args);
  const scope = scopeFromFlags(flags);
  const objs: KubeObject[] = [];
  const errors: string[] = [];
  for (const r of req.types) objs.push(...listObjects(inv, r, scope));
  for (const { r, name } of req.named) {
    const found = findByName(inv, r, namespaceOf(flags), name);
    objs.push(...found.objs);
    if (found.error) errors.push(...found.error);
  }
  const out: string[] = [];
  for (const obj of objs) {
    if (out.length > 0) out.push('', '');
    out.push(...describeOne(inv, obj));
  }
  if (out.length > 0) inv.proc.out(out.join('\n'));
  for (const e of errors) inv.proc.err(e);
  if (objs.length === 0 && errors.length === 0) {
    const namespaced = !scope.allNamespaces && req.types.every((r) => r.namespaced);
    inv.proc.err(namespaced ? `No resources found in ${scope.namespace} namespace.` : 'No resources found');
  }
  return errors.length > 0 ? 1 : 0;
}

export const describeVerb: Verb = {
  name: 'describe',
  group: VerbGroup.Troubleshooting,
  short: 'Show details of a specific resource or group of resources',
  long: 'Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector.',
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  examples: ['# Describe a node', 'kubectl describe nodes worker-1', '', '# Describe all pods whose name starts with web', 'kubectl describe pods web'].join('\n'),
  flags: [SELECTOR_FLAG, ALL_NAMESPACES_FLAG],
  run: runDescribe,
};
