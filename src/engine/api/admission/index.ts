/** The admission chain, in kube-apiserver's order, followed by the registry's create-time steps. */
import type { Rng } from '../../sim/rng';
import type { AdmissionPlugin } from '../hooks';
import { defaultStorageClass } from './default-storage-class';
import type { ApiLookup, ApiWriter } from './lookup';
import { namespaceLifecycle } from './namespace-lifecycle';
import { podDisruptionBudget } from './pod-disruption-budget';
import { defaultTolerationSeconds, serviceAccount, taintNodesByCondition } from './pod-plugins';
import { prepareForCreate } from './prepare-for-create';
import { priority } from './priority';
import { serviceAllocation } from './service-allocation';

export interface AdmissionOptions {
  readonly rng: Rng;
  readonly lookup: ApiLookup;
  /** `10.96.0.0/12` (kubeadm) or `10.43.0.0/16` (k3s). */
  readonly serviceCidr: string;
  /** Lets the eviction subresource spend a PodDisruptionBudget's allowed disruption. */
  readonly writer?: ApiWriter;
  /** The simulated clock (eviction times in disruptedPods). */
  readonly now?: () => number;
}

export function buildAdmission(opts: AdmissionOptions): AdmissionPlugin[] {
  return [
    namespaceLifecycle(opts.lookup),
    serviceAccount(),
    taintNodesByCondition(),
    priority(opts.lookup),
    defaultTolerationSeconds(),
    defaultStorageClass(opts.lookup),
    prepareForCreate(),
    serviceAllocation(opts.rng, opts.lookup, opts.serviceCidr),
    podDisruptionBudget(opts.lookup, opts.writer, opts.now ?? (() => 0)),
  ];
}
