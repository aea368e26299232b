/** Pod QoS class (k8s:pkg/apis/core/helper/qos): from the cpu and memory requests and limits of all containers. */
import { bytes, cpuMillis, parseQuantity } from '../../util/quantity';
import { arrayAt, recordAt, type Json } from '../validation/shape';

type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';
const QOS_RESOURCES = ['cpu', 'memory'] as const;

function amount(name: (typeof QOS_RESOURCES)[number], v: unknown): number {
  if (typeof v !== 'string' && typeof v !== 'number') return 0;
  if (parseQuantity(v) === undefined) return 0;
  return name === 'cpu' ? cpuMillis(v) : bytes(v);
}

export function qosClass(spec: Json | undefined): QosClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const containers = [...(arrayAt(spec, 'containers') ?? []), ...(arrayAt(spec, 'initContainers') ?? [])];
  for (const c of containers) {
    const resources = recordAt(c, 'resources');
    const req = recordAt(resources, 'requests');
    const lim = recordAt(resources, 'limits');
    let limitsFound = 0;
    for (const name of QOS_RESOURCES) {
      const r = amount(name, req?.[name]);
      if (r > 0) requests.set(name, (requests.get(name) ?? 0) + r);
      const l = amount(name, lim?.[name]);
      if (l > 0) {
        limitsFound++;
        limits.set(name, (limits.get(name) ?? 0) + l);
      }
    }
    if (limitsFound < QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  for (const [name, r] of requests) if (limits.get(name) !== r) guaranteed = false;
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
