import type { SimEnv } from '../sim/env';
import { rfc3339 } from '../sim/time';
import { NAME_ALPHABET } from '../sim/rng';
import type { EtcdStore } from '../store/etcd';
import { apiVersionOf, newStoreKey, type ResourceInfo } from './resources';
import type { Draft } from './update-meta';

/**
 * The metadata of a create: the name generateName picks, and the fields the server owns on a
 * new object (the caller's values for them dropped).
 */
export function generateName(env: SimEnv, etcd: EtcdStore, r: ResourceInfo, ns: string | undefined, base: string): { name: string; key: string } {
  for (let i = 0; i < 16; i++) {
    // Joined, not concatenated: a pod keeps its name for life, and a concatenation is a rope
    // (flattened into a second string on its first lookup, both kept).
    const name = [base, env.rng.string(5, NAME_ALPHABET)].join('');
    const key = newStoreKey(r, ns, name);
    if (!etcd.get(r.resource, key)) return { name, key };
  }
  const name = [base, env.rng.string(8, NAME_ALPHABET)].join('');
  return { name, key: newStoreKey(r, ns, name) };
}

/** Stamps `obj` (the server's private copy, named already) as a new object of `r` in `ns`, now. */
export function stampCreated(env: SimEnv, obj: Draft, r: ResourceInfo, ns: string | undefined): void {
  const m = obj.metadata;
  obj.apiVersion = apiVersionOf(r);
  obj.kind = r.kind;
  if (r.namespaced) m.namespace = ns;
  else if ('namespace' in m) delete m.namespace;
  m.uid = env.rng.uuid();
  m.creationTimestamp = rfc3339(env.now());
  // A delete of an absent key still costs a runtime call: most inputs have none of these.
  if ('deletionTimestamp' in m) delete m.deletionTimestamp;
  if ('deletionGracePeriodSeconds' in m) delete m.deletionGracePeriodSeconds;
  if (r.hasGeneration) m.generation = 1;
  else if ('generation' in m) delete m.generation;
}
