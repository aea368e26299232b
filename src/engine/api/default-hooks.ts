import type { Rng } from '../sim/rng';
import { buildAdmission } from './admission';
import type { ApiLookup, ApiWriter } from './admission/lookup';
import { buildDefaulters } from './defaults';
import type { ApiHooks } from './hooks';
import { buildValidators } from './validation';

export { lazyApi, lazyLookup, type ApiLookup, type ApiWriter } from './admission/lookup';

export interface ApiHooksOptions {
  /** Randomness for ClusterIP / NodePort allocation (the cluster's seeded Rng). */
  readonly rng: Rng;
  /** Unlogged reads of the API server's own store (namespaces, priority classes, services). */
  readonly lookup: ApiLookup;
  /** For the eviction subresource's PodDisruptionBudget status update; without it evictions only check the budget. */
  readonly writer?: ApiWriter;
  /** The simulated clock, for admission that stamps times. */
  readonly now?: () => number;
  /** The service CIDR ClusterIPs come from: `10.96.0.0/12` (kubeadm) or `10.43.0.0/16` (k3s). */
  readonly serviceCidr: string;
}

/** Defaulting, validation and admission of every kind, as kube-apiserver does them. */
export function defaultApiHooks(opts: ApiHooksOptions): ApiHooks {
  return {
    defaulters: buildDefaulters(),
    validators: buildValidators(),
    admission: buildAdmission(opts),
  };
}
