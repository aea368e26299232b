/** Priority: resolves a pod's priorityClassName to spec.priority; keeps a single global default class. */
import type { AdmissionAttributes, AdmissionPlugin } from '../hooks';
import type { Status } from '../status';
import type { KubeObject } from '../types';
import { isInteger, recordAt, type Json } from '../validation/shape';
import { forbiddenFor, isMainResource, type ApiLookup } from './lookup';

export interface PriorityClass extends KubeObject {
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
}

const DEFAULT_PREEMPTION = 'PreemptLowerPriority';

/** The global default class; with several (a race upstream allows), the lowest value wins. */
function globalDefault(lookup: ApiLookup): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const pc of lookup.list<PriorityClass>('priorityclasses')) {
    if (pc.globalDefault === true && (!best || pc.value < best.value)) best = pc;
  }
  return best;
}

function admitPod(a: AdmissionAttributes, lookup: ApiLookup, spec: Json): Status | undefined {
  const className = spec.priorityClassName;
  let pc: PriorityClass | undefined;
  if (typeof className === 'string' && className !== '') {
    pc = lookup.get<PriorityClass>('priorityclasses', undefined, className);
    if (!pc) return forbiddenFor(a, `no PriorityClass with name ${className} was found`);
  } else {
    pc = globalDefault(lookup);
    if (pc) spec.priorityClassName = pc.metadata.name;
  }
  const priority = pc && isInteger(pc.value) ? pc.value : 0;
  const policy = pc?.preemptionPolicy ?? DEFAULT_PREEMPTION;
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    return forbiddenFor(a, `the integer value of priority (${String(spec.priority)}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== policy) {
    return forbiddenFor(a, `the string value of PreemptionPolicy (${String(spec.preemptionPolicy)}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
  }
  spec.priority = priority;
  spec.preemptionPolicy = policy;
  return undefined;
}

function validateClass(a: AdmissionAttributes, lookup: ApiLookup): Status | undefined {
  const pc = a.object as PriorityClass;
  if (pc.globalDefault !== true) return undefined;
  const current = globalDefault(lookup);
  if (current && current.metadata.name !== pc.metadata.name) {
    return forbiddenFor(a, `PriorityClass ${current.metadata.name} is already marked as default. Only one default can exist`);
  }
  return undefined;
}

export function priority(lookup: ApiLookup): AdmissionPlugin {
  return {
    name: 'Priority',
    admit(a) {
      if (a.operation !== 'CREATE' || !isMainResource(a, 'Pod')) return undefined;
      const spec = recordAt(a.object, 'spec');
      return spec ? admitPod(a, lookup, spec) : undefined;
    },
    validate(a) {
      if (a.operation === 'DELETE' || !isMainResource(a, 'PriorityClass')) return undefined;
      return validateClass(a, lookup);
    },
  };
}
