import { describe, expect, it, vi } from 'vitest';
import type { VocabResource } from '../../protocol/console';

vi.mock('../sim/instance', () => ({ sim: { console: () => Promise.reject(new Error('no worker in this test')) } }));
const { editLine, parseEditLine } = await import('./edit-command');

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

describe('what kubectl edit prints for each way the editor opened', () => {
  const target = { ref: { kind: 'Deployment', namespace: 'default', name: 'web' }, resource: RESOURCES[0]! };
  const node = { kind: 'Node', name: 'worker-3' };
  it.each<[string, 'opened' | 'kept' | 'refused' | 'missing', { text: string; err: boolean }]>([
    ['opened', 'opened', { text: 'Editing deployment/web in the Editor tab: Save writes it back, Close edit leaves it as it is.', err: false }],
    ['kept with its changes', 'kept', { text: 'Editing deployment/web in the Editor tab, with your unsaved changes: Save writes it back, Close edit leaves it as it is.', err: false }],
    ['refused over another edit', 'refused', { text: 'error: the Editor tab holds unsaved changes to Node worker-3: Save or Close edit there first', err: true }],
    ['missing', 'missing', { text: 'Error from server (NotFound): deployments.apps "web" not found', err: true }],
  ])('%s', (_name, outcome, line) => {
    expect(editLine(outcome, target, node)).toEqual(line);
  });
});
