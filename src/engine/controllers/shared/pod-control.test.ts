import { describe, expect, it } from 'vitest';
import type { OwnerReference, PodTemplateSpec, ReplicaSet } from '../../api/types';
import { deepFreeze } from '../../util/clone';
import { podFromTemplate, podSharingTemplate } from './pod-control';

const REF: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true, blockOwnerDeletion: true };

function owner(template: PodTemplateSpec): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'team' }, spec: { selector: { matchLabels: { app: 'web' } }, template } };
}

const TEMPLATES: [string, PodTemplateSpec][] = [
  ['labels only', { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }], restartPolicy: 'Always' } }],
  ['labels, annotations, finalizers', { metadata: { labels: { app: 'web', tier: 'fe' }, annotations: { a: '1' }, finalizers: ['x/y'] }, spec: { containers: [{ name: 'app', image: 'nginx' }], dnsPolicy: 'ClusterFirst' } }],
  ['empty metadata', { metadata: { labels: {}, annotations: {} }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }],
  ['no metadata', { spec: { containers: [{ name: 'app', image: 'nginx' }] } }],
];

describe('podSharingTemplate', () => {
  it.each(TEMPLATES)('%s: equal to podFromTemplate, keys in the same order', (_name, template) => {
    const rs = deepFreeze(owner(template));
    const shared = podSharingTemplate(rs.spec.template, rs, REF);
    const copied = podFromTemplate(rs.spec.template, rs, REF);
    expect(shared).toEqual(copied);
    expect(Object.keys(shared.metadata)).toEqual(Object.keys(copied.metadata));
    expect(Object.keys(shared.spec)).toEqual(Object.keys(copied.spec));
  });

  it('shares the template values but not the spec record the API server writes to', () => {
    const rs = deepFreeze(owner(TEMPLATES[1]![1]));
    const pod = podSharingTemplate(rs.spec.template, rs, REF);
    expect(pod.spec).not.toBe(rs.spec.template.spec);
    expect(Object.isFrozen(pod.spec)).toBe(false);
    expect(Object.isFrozen(pod.metadata)).toBe(false);
    expect(pod.spec.containers).toBe(rs.spec.template.spec.containers);
    expect(pod.metadata.labels).toBe(rs.spec.template.metadata!.labels);
    pod.spec.serviceAccountName = 'default';
    expect(rs.spec.template.spec.serviceAccountName).toBeUndefined();
  });

  it('leaves undefined-valued spec keys out, as a copy would', () => {
    const template: PodTemplateSpec = { spec: { containers: [], nodeName: undefined } };
    const pod = podSharingTemplate(template, owner(template), REF);
    expect('nodeName' in pod.spec).toBe(false);
  });
});
