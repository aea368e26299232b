import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from '../../api/types';
import type { EventRecorder } from '../../client/event-recorder';
import { deepClone } from '../../util/clone';

export interface PodOverrides {
  name?: string;
  generateName?: string;
  labels?: Record<string, string>;
  finalizers?: string[];
}

/**
 * controller.GetPodFromTemplate: labels, annotations and finalizers from the template,
 * `generateName: <owner>-`, the owner's controller reference, a copy of the template spec.
 */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, ref: OwnerReference, overrides: PodOverrides = {}): Pod {
  const meta = template.metadata ?? {};
  const labels = { ...(meta.labels ?? {}), ...(overrides.labels ?? {}) };
  const finalizers = [...(meta.finalizers ?? []), ...(overrides.finalizers ?? [])];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: overrides.name ?? '',
      namespace: owner.metadata.namespace,
      ownerReferences: [ref],
    },
    spec: deepClone(template.spec),
  };
  if (!overrides.name) pod.metadata.generateName = overrides.generateName ?? `${owner.metadata.name}-`;
  if (Object.keys(labels).length > 0) pod.metadata.labels = labels;
  if (meta.annotations && Object.keys(meta.annotations).length > 0) pod.metadata.annotations = { ...meta.annotations };
  if (finalizers.length > 0) pod.metadata.finalizers = finalizers;
  return pod;
}

/**
 * podFromTemplate without the copy, for a pod handed straight to PodControl.create and
 * never changed: the spec is a new record (the API server sets fields on it) whose values,
 * like the labels and annotations, are the template's own. Those are parts of a stored
 * object, immutable; the API server copies a container before defaulting it.
 */
export function podSharingTemplate(template: PodTemplateSpec, owner: KubeObject, ref: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  const spec: Record<string, unknown> = {};
  const src = template.spec as unknown as Record<string, unknown>;
  // As deepClone's top level: keys in order, undefined-valued ones left out.
  for (const k in src) if (src[k] !== undefined) spec[k] = src[k];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      namespace: owner.metadata.namespace,
      ownerReferences: [ref],
    },
    spec: spec as unknown as Pod['spec'],
  };
  pod.metadata.generateName = `${owner.metadata.name}-`;
  if (meta.labels && Object.keys(meta.labels).length > 0) pod.metadata.labels = meta.labels;
  if (meta.annotations && Object.keys(meta.annotations).length > 0) pod.metadata.annotations = meta.annotations;
  if (meta.finalizers && meta.finalizers.length > 0) pod.metadata.finalizers = meta.finalizers;
  return pod;
}

export type DeleteOutcome = 'deleted' | 'gone' | 'failed';

/**
 * controller.RealPodControl: creates and deletes pods on behalf of an owner and records the
 * `SuccessfulCreate` / `FailedCreate` / `SuccessfulDelete` / `FailedDelete` events on it.
 */
export class PodControl {
  constructor(
    private readonly api: ApiServer,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * Returns the created pod, or the API server's error message. `pod` is handed over (a fresh
   * podFromTemplate result the caller drops): the API server stores it without another copy.
   */
  create(ctx: RequestContext, owner: KubeObject, pod: Pod): Pod | string {
    const res = this.api.create<Pod>(ctx, 'pods', owner.metadata.namespace, pod, { owned: true });
    if (!res.ok) {
      this.recorder.record(ctx, owner, 'Warning', 'FailedCreate', `Error creating: ${res.status.message}`);
      return res.status.message;
    }
    this.recorder.record(ctx, owner, 'Normal', 'SuccessfulCreate', `Created pod: ${res.value.metadata.name}`);
    return res.value;
  }

  delete(ctx: RequestContext, owner: KubeObject, pod: Pod): DeleteOutcome {
    const res = this.api.delete(ctx, 'pods', pod.metadata.namespace, pod.metadata.name, { preconditions: { uid: pod.metadata.uid } });
    if (!res.ok) {
      if (res.status.code === 404) return 'gone';
      this.recorder.record(ctx, owner, 'Warning', 'FailedDelete', `Error deleting: ${res.status.message}`);
      return 'failed';
    }
    this.recorder.record(ctx, owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    return 'deleted';
  }
}
