/** Pod QoS class (k8s:pkg/apis/core/helper/qos): from the cpu and memory requests and limits of all containers. */
import { bytes, cpuMillis, parseQuantity } from '../../util/quantity';
import { arrayAt, recordAt, type Json } from '../validation/shape';

type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';
const QOS_RESOURCES = ['cpu', 'memory'] as const;
const CONTAINER_FIELDS = ['containers', 'initContainers'] as const;

function amount(name: (typeof QOS_RESOURCES)[number], v: unknown): number {
  if (typeof v !== 'string' && typeof v !== 'number') return 0;
  if (parseQuantity(v) === undefined) return 0;
  return name === 'cpu' ? cpuMillis(v) : bytes(v);
}

/**
 * The container lists of the last class computed, and the class: pods of one ReplicaSet
 * share their template's lists (immutable), so they share the answer too.
 */
let lastContainers: unknown;
let lastInitContainers: unknown;
let lastClass: QosClass = 'BestEffort';

export function qosClass(spec: Json | undefined): QosClass {
  const containers = spec?.containers;
  const inits = spec?.initContainers;
  if (containers === undefined || containers !== lastContainers || inits !== lastInitContainers) {
    lastClass = computeQosClass(spec);
    lastContainers = containers;
    lastInitContainers = inits;
  }
  return lastClass;
}

function computeQosClass(spec: Json | undefined): QosClass {
  // Sums per resource (cpu, memory) in fixed slots: this runs on every pod create.
  const requests = [0, 0];
  const limits = [0, 0];
  let guaranteed = true;
  for (const field of CONTAINER_FIELDS) {
    for (const c of arrayAt(spec, field) ?? []) {
      const resources = recordAt(c, 'resources');
      const req = recordAt(resources, 'requests');
      const lim = recordAt(resources, 'limits');
      let limitsFound = 0;
      for (let i = 0; i < QOS_RESOURCES.length; i++) {
        const name = QOS_RESOURCES[i]!;
        const r = amount(name, req?.[name]);
        if (r > 0) requests[i] = requests[i]! + r;
        const l = amount(name, lim?.[name]);
        if (l > 0) {
          limitsFound++;
          limits[i] = limits[i]! + l;
        }
      }
      if (limitsFound < QOS_RESOURCES.length) guaranteed = false;
    }
  }
  // A resource counts as set once its sum is positive (the Maps this replaces held only positive sums).
  let requested = 0;
  let limited = 0;
  for (let i = 0; i < QOS_RESOURCES.length; i++) {
    if (requests[i]! > 0) {
      requested++;
      if (limits[i] !== requests[i]) guaranteed = false;
    }
    if (limits[i]! > 0) limited++;
  }
  if (requested === 0 && limited === 0) return 'BestEffort';
  return guaranteed && requested === limited ? 'Guaranteed' : 'Burstable';
}
