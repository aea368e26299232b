import type { KubeObject, OwnerReference } from '../../api/types';
import { namespacedKey } from '../../util/keys';

/** metav1.GetControllerOf: the owner reference with controller: true. */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef: how every workload controller stamps what it creates. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function nsKey(namespace: string | undefined, name: string): string {
  return namespace ? namespacedKey(namespace, name) : name;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export { compareStrings } from '../../util/strings';

/**
 * True when an update changed only the object's status (or nothing): a controller's own status
 * write then need not trigger another pass over the object.
 */
export function onlyStatusChanged(a: KubeObject, b: KubeObject): boolean {
  const ma = a.metadata;
  const mb = b.metadata;
  return ma.generation !== undefined && ma.generation === mb.generation && ma.deletionTimestamp === mb.deletionTimestamp
    && sameRecord(ma.annotations, mb.annotations) && sameRecord(ma.labels, mb.labels)
    && (ma.finalizers ?? []).join(',') === (mb.finalizers ?? []).join(',');
}

function sameRecord(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a![k] === b?.[k]);
}
