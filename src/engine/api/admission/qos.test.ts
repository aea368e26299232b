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
