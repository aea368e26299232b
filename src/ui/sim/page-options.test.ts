import { describe, expect, it } from 'vitest';
import { pageOptions } from './page-options';

describe('pageOptions', () => {
  it.each([
    ['', {}],
    ['?scenario=node-failure', { scenario: 'node-failure' }],
    ['?scenario=../../etc', {}],
    ['?scenario=' + 'a'.repeat(65), {}],
    ['?speed=60', { speed: 60 }],
    ['?speed=max', { speed: 'max' }],
    ['?speed=7', {}],
    ['?synthetic=100x30&churn=500', { synthetic: { nodes: 100, podsPerNode: 30, churnPerSec: 500 } }],
    ['?synthetic=100x30&churn=abc', { synthetic: { nodes: 100, podsPerNode: 30, churnPerSec: 0 } }],
    ['?synthetic=99999x30', {}],
    ['?fault=throw', { fault: 'throw' }],
    ['?fault=rm', {}],
    ['?paused=1&speed=60', { paused: true, speed: 60 }],
    ['?paused=yes', {}],
  ])('%s → %j', (search, want) => {
    expect(pageOptions(search)).toEqual(want);
  });
});
