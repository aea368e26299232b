import type { ApiServer, RequestContext } from '../api/apiserver';
import type { KubeObject, StatefulSet } from '../api/types';
import type { Informer } from '../client/informer';
import { objectKey } from '../client/informer';
import { QueueController, type SyncResult } from '../controllers/shared/controller-base';
import type { SimEnv } from '../sim/env';
import type { PersistentVolumeClaim } from './types';

/** `<template>-<set>-<ordinal>`: the claim a StatefulSet pod's volume refers to (upstream getPersistentVolumeClaimName). */
export function statefulClaimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

/** The claim for one template and ordinal: the template, labelled with the set's selector. */
export function statefulClaim(set: StatefulSet, index: number, ordinal: number): KubeObject | undefined {
  const t = set.spec.volumeClaimTemplates?.[index];
  if (!t?.metadata.name) return undefined;
  const labels = { ...(t.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) };
  // The template spec stays untyped: the API server defaults and validates the claim it becomes.
  const spec = { ...t.spec };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: statefulClaimName(set, t.metadata.name, ordinal), namespace: set.metadata.namespace, labels, ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}) },
    spec,
  };
}

/**
 * volumeClaimTemplates: creates the claims `<template>-<set>-<ordinal>` for every ordinal
 * below `replicas` (upstream's StatefulSet controller does this just before it creates each
 * pod; here the StatefulSet controller adds the claims' volumes to its pods, this one makes the claims).
 * Claims are kept on scale-down and deletion (the default Retain retention policy).
 */
export class StatefulSetClaimsController extends QueueController {
  private sets!: Informer<StatefulSet>;
  private claims!: Informer<PersistentVolumeClaim>;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'statefulset-claims', 'statefulset-controller');
  }

  protected setup(): void {
    this.sets = this.informer<StatefulSet>('statefulsets');
    this.claims = this.informer<PersistentVolumeClaim>('persistentvolumeclaims');
    this.sets.on({ add: (s, opId) => this.enqueue(objectKey(s), opId), update: (_o, s, opId) => this.enqueue(objectKey(s), opId) });
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const [ns, name] = key.split('/') as [string, string];
    const set = this.sets.get(ns, name);
    const templates = set?.spec.volumeClaimTemplates ?? [];
    if (!set || set.metadata.deletionTimestamp || templates.length === 0) return 'done';
    const replicas = Math.min(set.spec.replicas ?? 1, 10_000);
    let result: SyncResult = 'done';
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      for (let i = 0; i < templates.length; i++) {
        const claim = statefulClaim(set, i, ordinal);
        if (!claim || this.claims.get(ns, claim.metadata.name)) continue;
        const podName = `${set.metadata.name}-${ordinal}`;
        const res = this.api.create(ctx, 'persistentvolumeclaims', ns, claim);
        if (res.ok) this.recorder.record(ctx, set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${podName} in StatefulSet ${set.metadata.name} success`);
        else if (res.status.code !== 409) {
          this.recorder.record(ctx, set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${res.status.message}`);
          result = 'retry';
        }
      }
    }
    return result;
  }
}
