/**
 * `namespace/name` cache keys, built once per object and shared by every cache that keys it.
 * A pod's key is looked up in a dozen maps (informer caches, indexes, the scheduler, the
 * kubelet) several times per change: a freshly concatenated key must be flattened and
 * hashed at each lookup and is then kept once per map; the shared string carries its hash
 * and one copy serves all. Object names keep their string instance from one version of the
 * object to the next, so the name lookup here hits the hash cached in the name itself.
 * A pure cache: dropped wholesale when it grows past its bound.
 */
const MAX_INTERNED = 1 << 16;

let interned = new Map<string, Map<string, string>>();
let count = 0;

/** The last key handed out: a watch event reaches a dozen handlers that each key the same object. */
let lastNamespace = '';
let lastName = '';
let lastKey = '/';

/**
 * The shared key of `namespace`/`name`. `built`: that key's text when the caller has it
 * already (the API server's store key): kept as the shared string rather than built again.
 */
export function namespacedKey(namespace: string, name: string, built?: string): string {
  if (name === lastName && namespace === lastNamespace) return lastKey;
  let byName = interned.get(namespace);
  if (byName === undefined) {
    byName = new Map();
    interned.set(namespace, byName);
  }
  let key = byName.get(name);
  if (key === undefined) {
    if (count >= MAX_INTERNED) {
      interned = new Map([[namespace, (byName = new Map())]]);
      count = 0;
    }
    // Joined: one flat string (a concatenation is a rope, flattened into a second string when first hashed).
    key = built ?? [namespace, name].join('/');
    byName.set(name, key);
    count++;
  }
  lastNamespace = namespace;
  lastName = name;
  lastKey = key;
  return key;
}

/**
 * The key of `namespace`/`name`: the shared string when one is kept, else a new flat string
 * that is not kept (a lookup of an object no cache holds, such as an Event, adds nothing).
 */
export function lookupKey(namespace: string, name: string): string {
  if (name === lastName && namespace === lastNamespace) return lastKey;
  return interned.get(namespace)?.get(name) ?? [namespace, name].join('/');
}
