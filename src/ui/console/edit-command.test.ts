import { describe, expect, it, vi } from 'vitest';
import type { VocabResource } from '../../protocol/console';

vi.mock('../sim/instance', () => ({ sim: { console: () => Promise.reject(new Error('no worker in this test')) } }));
const { parseEditLine } = await import('./edit-command');

const RESOURCES: VocabResource[] = [
  { kind: 'Deployment', resource: 'deployments', singular: 'deployment', group: 'apps', shortNames: ['deploy'], namespaced: true },
  { kind: 'Node', resource: 'nodes', singular: 'node', group: '', shortNames: ['no'], namespaced: false },
];

describe('kubectl edit typed in the console', () => {
  it.each<[string, unknown]>([
    ['kubectl edit deployment web', { kind: 'Deployment', namespace: 'default', name: 'web' }],
    ['kubectl edit deploy/web -n team', { kind: 'Deployment', namespace: 'team', name: 'web' }],
    ['kubectl edit --namespace=team deployments web', { kind: 'Deployment', namespace: 'team', name: 'web' }],
    ['kubectl edit no worker-2', { kind: 'Node', name: 'worker-2' }],
    ['kubectl edit node', null],
    ['kubectl edit pods web', null],
    ['kubectl edit deploy web extra', null],
    ['kubectl edit deploy web -o yaml', null],
    ['kubectl get deploy web', null],
  ])('%j', (line, ref) => {
    expect(parseEditLine(line, RESOURCES)?.ref ?? null).toEqual(ref);
  });
});
