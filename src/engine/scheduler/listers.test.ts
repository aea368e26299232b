import { describe, expect, it } from 'vitest';
import type { Service } from '../api/types';
import { ServiceIndex } from './listers';
import { makePod } from './testing/builders';

function svc(name: string, selector: Record<string, string> | undefined, namespace = 'default'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector, ports: [{ port: 80 }] } };
}

const names = (s: readonly Service[]): string[] => s.map((x) => x.metadata.name);

describe('ServiceIndex.selecting', () => {
  it('answers pods sharing a labels object alike, and follows Service changes', () => {
    const index = new ServiceIndex();
    index.put(svc('web', { app: 'web' }));
    index.put(svc('none', undefined));
    index.put(svc('other-ns', { app: 'web' }, 'team'));
    const labels = { app: 'web', tier: 'fe' };
    const a = makePod('a', { labels });
    const b = makePod('b', { labels });
    expect(names(index.selecting(a))).toEqual(['web']);
    expect(index.selecting(b)).toBe(index.selecting(a));
    expect(names(index.selecting(makePod('c', { labels, namespace: 'team' })))).toEqual(['other-ns']);
    expect(names(index.selecting(makePod('d', { labels: { app: 'db' } })))).toEqual([]);
    index.put(svc('fe', { tier: 'fe' }));
    expect(names(index.selecting(a))).toEqual(['web', 'fe']);
    index.remove(svc('web', { app: 'web' }));
    expect(names(index.selecting(b))).toEqual(['fe']);
  });
});
