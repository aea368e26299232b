import type { Pod, PodTemplateSpec, StatefulSet, Volume } from '../../api/types';
import { newControllerRef } from '../shared/owner-refs';
import { podFromTemplate } from '../shared/pod-control';
import { isPodAvailable, isPodTerminal, isRunningAndReady } from '../shared/pod-util';

export const STS_REVISION_LABEL = 'controller-revision-hash';
export const STS_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const STS_POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const STS_HASH_LABEL = 'controller.kubernetes.io/hash';

/** getOrdinal: the ordinal of `<set>-<n>`, or −1 when the pod is not one of the set's. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name;
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export const podRevision = (pod: Pod | undefined): string => pod?.metadata.labels?.[STS_REVISION_LABEL] ?? '';

/** identityMatches: name, namespace and the identity labels a StatefulSet pod must carry. */
export function identityMatches(set: StatefulSet, pod: Pod, ordinal: number): boolean {
  const labels = pod.metadata.labels ?? {};
  return pod.metadata.name === podName(set, ordinal) && pod.metadata.namespace === set.metadata.namespace
    && labels[STS_POD_NAME_LABEL] === pod.metadata.name && labels[STS_POD_INDEX_LABEL] === String(ordinal);
}

/** newStatefulSetPod + initIdentity + setPodRevision. */
export function newStatefulPod(set: StatefulSet, template: PodTemplateSpec, ordinal: number, revision: string): Pod {
  const name = podName(set, ordinal);
  const pod = podFromTemplate(template, set, newControllerRef(set), {
    name,
    labels: { [STS_REVISION_LABEL]: revision, [STS_POD_NAME_LABEL]: name, [STS_POD_INDEX_LABEL]: String(ordinal) },
  });
  pod.metadata.generateName = `${set.metadata.name}-`;
  pod.spec.hostname = name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  withClaimVolumes(set, pod, ordinal);
  return pod;
}

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

/**
 * updateStorage: one persistentVolumeClaim volume per volumeClaimTemplate (the claims
 * themselves are created by the storage side), replacing template volumes of the same name.
 */
function withClaimVolumes(set: StatefulSet, pod: Pod, ordinal: number): void {
  const templates = (set.spec.volumeClaimTemplates ?? []).filter((t) => t.metadata.name);
  if (templates.length === 0) return;
  const names = new Set(templates.map((t) => t.metadata.name!));
  const claims: Volume[] = templates.map((t) => ({ name: t.metadata.name!, persistentVolumeClaim: { claimName: claimName(set, t.metadata.name!, ordinal) } }));
  pod.spec.volumes = [...claims, ...(pod.spec.volumes ?? []).filter((v) => !names.has(v.name))];
}

export const isTerminating = (pod: Pod): boolean => pod.metadata.deletionTimestamp !== undefined;
/** isHealthy: Running, Ready and not terminating. */
export const isHealthy = (pod: Pod | undefined): boolean => pod !== undefined && isRunningAndReady(pod) && !isTerminating(pod);
export const isAvailable = (pod: Pod, minReadySeconds: number, nowMs: number): boolean => pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, nowMs);
export { isPodTerminal };

/** The revision a recreated pod gets: below the partition the current one, else the update one. */
export function revisionForOrdinal(set: StatefulSet, ordinal: number): 'current' | 'update' {
  const strategy = set.spec.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return 'update';
  return ordinal < (strategy?.rollingUpdate?.partition ?? 0) ? 'current' : 'update';
}
