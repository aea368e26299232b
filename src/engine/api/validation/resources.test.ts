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
  ])('%s', (_name, resources, fields) => {
    expect(validateResources(resources, 'r').map((e) => e.field)).toEqual(fields);
  });
});
