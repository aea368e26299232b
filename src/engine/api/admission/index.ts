/** The admission chain, in kube-apiserver's order, followed by the registry's create-time steps. */
import type { Rng } from '../../sim/rng';
import type { AdmissionPlugin } from '../hooks';
import type { ApiLookup } from './lookup';
import { namespaceLifecycle } from './namespace-lifecycle';
import { defaultTolerationSeconds, serviceAccount, taintNodesByCondition } from './pod-plugins';
import { prepareForCreate } from './prepare-for-create';
import { priority } from './priority';
import { serviceAllocation } from './service-allocation';

export interface AdmissionOptions {
  readonly rng: Rng;
  readonly lookup: ApiLookup;
  /** `10.96.0.0/12` (kubeadm) or `10.43.0.0/16` (k3s). */
  readonly serviceCidr: string;
}

export function buildAdmission(opts: AdmissionOptions): AdmissionPlugin[] {
  return [
    namespaceLifecycle(opts.lookup),
    serviceAccount(),
    taintNodesByCondition(),
    priority(opts.lookup),
    defaultTolerationSeconds(),
    prepareForCreate(),
    serviceAllocation(opts.rng, opts.lookup, opts.serviceCidr),
  ];
}
