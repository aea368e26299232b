import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { KubeObject } from '../../api/types';
import { controllerRefOf, newControllerRef } from './owner-refs';

export interface ClaimParams<T extends KubeObject> {
  api: ApiServer;
  ctx: RequestContext;
  /** Plural resource of the claimed objects (`pods`, `replicasets`, `controllerrevisions`). */
  resource: string;
  owner: KubeObject;
  /** Plural resource of the owner, for the fresh adoption check. */
  ownerResource: string;
  matches: (obj: T) => boolean;
  /** Objects whose controller reference is the owner. */
  owned: readonly T[];
  /** Objects of the owner's namespace without a controller. */
  orphans: readonly T[];
}

/**
 * controller.ControllerRefManager: keeps the owned objects that still match the selector,
 * releases those that no longer do, and adopts matching orphans — but only after a fresh
 * read proves the owner is not being deleted (RecheckDeletionTimestamp).
 */
export function claimObjects<T extends KubeObject>(p: ClaimParams<T>): T[] {
  const claimed: T[] = [];
  const deleting = p.owner.metadata.deletionTimestamp !== undefined;
  for (const obj of p.owned) {
    if (p.matches(obj)) claimed.push(obj);
    else if (!deleting) release(p, obj);
  }
  if (deleting) return claimed;
  let canAdopt: boolean | undefined;
  for (const obj of p.orphans) {
    if (obj.metadata.deletionTimestamp || !p.matches(obj)) continue;
    canAdopt ??= freshOwnerAlive(p);
    if (!canAdopt) break;
    const adopted = adopt(p, obj);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function freshOwnerAlive<T extends KubeObject>(p: ClaimParams<T>): boolean {
  const res = p.api.get(p.ctx, p.ownerResource, p.owner.metadata.namespace, p.owner.metadata.name);
  return res.ok && res.value.metadata.uid === p.owner.metadata.uid && !res.value.metadata.deletionTimestamp;
}

function adopt<T extends KubeObject>(p: ClaimParams<T>, obj: T): T | undefined {
  if (controllerRefOf(obj)) return undefined;
  const refs = [...(obj.metadata.ownerReferences ?? []), newControllerRef(p.owner)];
  const res = p.api.patch<T>(p.ctx, p.resource, obj.metadata.namespace, obj.metadata.name, {
    metadata: { ownerReferences: refs, resourceVersion: obj.metadata.resourceVersion },
  });
  return res.ok ? res.value : undefined;
}

function release<T extends KubeObject>(p: ClaimParams<T>, obj: T): void {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== p.owner.metadata.uid);
  p.api.patch(p.ctx, p.resource, obj.metadata.namespace, obj.metadata.name, {
    metadata: { ownerReferences: refs.length > 0 ? refs : null, resourceVersion: obj.metadata.resourceVersion },
  });
}
