import { describe, expect, it } from 'vitest';
import { qosClass } from './qos';
import type { Json } from '../validation/shape';

const c = (requests?: Record<string, string>, limits?: Record<string, string>): Json => ({ name: 'c', image: 'i', resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });

describe('qosClass', () => {
  it.each<[string, Json, string]>([
    ['no resources at all', { containers: [{ name: 'c', image: 'i' }] }, 'BestEffort'],
    ['zero requests count as unset', { containers: [c({ cpu: '0', memory: '0' })] }, 'BestEffort'],
    ['requests only', { containers: [c({ cpu: '100m', memory: '64Mi' })] }, 'Burstable'],
    ['limits equal to requests for cpu and memory', { containers: [c({ cpu: '100m', memory: '64Mi' }, { cpu: '100m', memory: '64Mi' })] }, 'Guaranteed'],
    ['limits only (requests unset)', { containers: [c(undefined, { cpu: '1', memory: '1Gi' })] }, 'Burstable'],
    ['a limit above its request', { containers: [c({ cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '64Mi' })] }, 'Burstable'],
    ['memory limit missing', { containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1' })] }, 'Burstable'],
    [
      'sums over containers and init containers',
      { containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], initContainers: [c({ cpu: '500m', memory: '512Mi' }, { cpu: '500m', memory: '512Mi' })] },
      'Guaranteed',
    ],
    [
      'one container without limits spoils Guaranteed',
      { containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), c()] },
      'Burstable',
    ],
  ])('%s → %s', (_name, spec, want) => {
    expect(qosClass(spec)).toBe(want);
  });
});

describe('qosClass of pods sharing container lists', () => {
  it('answers by the lists: the same lists the same class, other lists their own', () => {
    const guaranteed = [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })];
    const sidecar = [c({ cpu: '1', memory: '1Gi' })];
    expect(qosClass({ containers: guaranteed })).toBe('Guaranteed');
    expect(qosClass({ containers: guaranteed, restartPolicy: 'Never' })).toBe('Guaranteed');
    // Same app containers, an init container added: a different answer.
    expect(qosClass({ containers: guaranteed, initContainers: sidecar })).toBe('Burstable');
    expect(qosClass({ containers: guaranteed })).toBe('Guaranteed');
    expect(qosClass({ containers: [] })).toBe('BestEffort');
    expect(qosClass(undefined)).toBe('BestEffort');
    expect(qosClass({ containers: sidecar })).toBe('Burstable');
  });
});
