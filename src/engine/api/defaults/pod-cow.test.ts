import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../types';
import { deepFreeze } from '../../util/clone';
import { defaultPod, defaultPodSpec } from './pod';

/** A container with every default a pod's container gets already set. */
function defaulted(extra: Partial<Container> = {}): Container {
  return { name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', ...extra };
}

function podWith(containers: Container[], initContainers?: Container[]): Pod {
  const spec: Pod['spec'] = { containers };
  if (initContainers) spec.initContainers = initContainers;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

describe('container defaulting is copy on write', () => {
  it('leaves fully defaulted (shared, frozen) containers and their list as they are', () => {
    const containers = deepFreeze([defaulted(), defaulted({ name: 'b', ports: [{ containerPort: 80, protocol: 'TCP' }] })]);
    const pod = podWith(containers);
    defaultPod(pod);
    expect(pod.spec.containers).toBe(containers);
    expect(pod.spec.enableServiceLinks).toBe(true);
  });

  it.each([
    ['pull policy', { imagePullPolicy: undefined }, { imagePullPolicy: 'IfNotPresent' }],
    ['termination message path', { terminationMessagePath: undefined }, { terminationMessagePath: '/dev/termination-log' }],
    ['port protocol', { ports: [{ containerPort: 80 }] }, { ports: [{ containerPort: 80, protocol: 'TCP' }] }],
    ['probe', { readinessProbe: { httpGet: { port: 80 } } }, { readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } }],
    ['requests from limits', { resources: { limits: { memory: '1Gi' } } }, { resources: { limits: { memory: '1Gi' }, requests: { memory: '1Gi' } } }],
    ['a request missing from a limit', { resources: { requests: { cpu: '1' }, limits: { cpu: '1', memory: '1Gi' } } }, { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }],
  ] as [string, Partial<Container>, Partial<Container>][])('a container missing its %s is replaced by a defaulted copy', (_what, change, want) => {
    const shared = deepFreeze(defaulted());
    const missing: Container = { ...defaulted({ name: 'b' }), ...change };
    for (const k of Object.keys(missing) as (keyof Container)[]) if (missing[k] === undefined) delete (missing as Partial<Container>)[k];
    deepFreeze(missing);
    const containers = deepFreeze([shared, missing]);
    const pod = podWith(containers);
    defaultPod(pod);
    expect(pod.spec.containers).not.toBe(containers);
    expect(pod.spec.containers[0]).toBe(shared);
    expect(pod.spec.containers[1]).not.toBe(missing);
    expect(pod.spec.containers[1]).toMatchObject(want);
    expect(containers[1]).toBe(missing);
  });

  it('copies init containers on their own list', () => {
    const containers = deepFreeze([defaulted()]);
    const init = deepFreeze([{ name: 'init', image: 'busybox' }]);
    const pod = podWith(containers, init);
    defaultPod(pod);
    expect(pod.spec.containers).toBe(containers);
    expect(pod.spec.initContainers).not.toBe(init);
    expect(pod.spec.initContainers![0]).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePolicy: 'File' });
  });

  it('keeps the key order of a defaulted copy as in-place defaulting had it', () => {
    const pod = podWith([{ name: 'app', image: 'nginx', resources: { limits: { cpu: '1' } } }]);
    defaultPod(pod);
    const c = pod.spec.containers[0]!;
    expect(Object.keys(c)).toEqual(['name', 'image', 'resources', 'imagePullPolicy', 'terminationMessagePath', 'terminationMessagePolicy']);
    expect(Object.keys(c.resources!)).toEqual(['limits', 'requests']);
  });

  it('does not default requests from limits in templates', () => {
    const containers = deepFreeze([defaulted({ resources: { limits: { cpu: '1' } } })]);
    const spec: Pod['spec'] = { containers };
    defaultPodSpec(spec);
    expect(spec.containers).toBe(containers);
  });

  it('host-network pods get host ports from a copy', () => {
    const containers = deepFreeze([defaulted({ ports: [{ containerPort: 8080, protocol: 'TCP' }] })]);
    const pod = podWith(containers);
    pod.spec.hostNetwork = true;
    defaultPod(pod);
    expect(pod.spec.containers[0]!.ports).toEqual([{ containerPort: 8080, protocol: 'TCP', hostPort: 8080 }]);
    expect(containers[0]!.ports![0]!.hostPort).toBeUndefined();
  });
});
