import { describe, expect, it } from 'vitest';
import { validateResources } from './resources';

describe('validateResources', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['valid, keys in order', { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } }, []],
    ['valid, keys out of order', { requests: { memory: '64Mi', cpu: '100m' } }, []],
    [
      'errors come in resource-name order whatever the key order',
      { requests: { memory: 'x', cpu: 'y' } },
      ['r.requests[cpu]', 'r.requests[memory]'],
    ],
    [
      'limits are checked before requests, and a request over its limit names the limit',
      { requests: { memory: '2Gi', cpu: '-1' }, limits: { memory: '1Gi', cpu: 'z' } },
      ['r.limits[cpu]', 'r.requests[cpu]', 'r.requests'],
    ],
    ['requests only, numbers and strings', { requests: { cpu: 1, memory: '64Mi', 'nvidia.com/gpu': '2' } }, []],
    ['no requests, no limits', {}, []],
    ['requests null', { requests: null }, []],
    ['requests only, one negative', { requests: { cpu: '-1', memory: '64Mi' } }, ['r.requests[cpu]']],
    ['requests only, one not a quantity', { requests: { memory: true, cpu: '1' } }, ['r.requests[memory]']],
    ['requests not a map', { requests: ['1'] }, ['r.requests']],
    ['limits null count as absent', { requests: { cpu: 'x' }, limits: null }, ['r.requests[cpu]']],
  ])('%s', (_name, resources, fields) => {
    expect(validateResources(resources, 'r').map((e) => e.field)).toEqual(fields);
  });
});
