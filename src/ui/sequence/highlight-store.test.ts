import { describe, expect, it } from 'vitest';
import { canvasSpot, edgeIds } from './canvas-link';
import { selectEdgeLit, setHighlightedInteraction, useSequenceHighlight } from './highlight-store';
import type { DrawnMessage, Participant } from './diagram';

const lane = (key: string, kind: Participant['kind'], node?: string): Participant => ({ key, label: key, kind, subject: key, rank: 0, sortName: '', ...(node ? { node } : {}) });
const message = (from: Participant, to: Participant, text: string, nodes: string[] = []): DrawnMessage => ({
  index: 0, entryId: 'm1', window: 0, count: 1, expanded: false, from, to, arrow: 'call', kind: 'request', text, caption: '', seqs: [1], tMs: 0, nodes,
});

describe('canvas link', () => {
  it.each([
    [message(lane('user/kubectl', 'user'), lane('apiserver', 'apiserver'), 'POST'), [['kubectl', 'apiserver']], ['kubectl', 'apiserver']],
    [message(lane('apiserver', 'apiserver'), lane('etcd', 'etcd'), 'txn put'), [['apiserver', 'etcd']], ['apiserver', 'etcd']],
    [message(lane('kcm/replicaset-controller', 'controller'), lane('apiserver', 'apiserver'), 'create 3 Pods'), [['controller-manager', 'apiserver']], ['controller-manager', 'apiserver']],
    [message(lane('apiserver', 'apiserver'), lane('kubelet/worker-1', 'kubelet', 'worker-1'), 'watch ADDED Pod p'), [['apiserver', 'node/worker-1']], ['apiserver', 'node/worker-1']],
    [message(lane('kubelet/*', 'kubelet'), lane('runtime/*', 'runtime'), 'pull nginx ×2', ['w1', 'w2']), [['node/w1', 'registry'], ['node/w2', 'registry']], ['node/w1', 'node/w2']],
    [message(lane('scheduler', 'scheduler'), lane('scheduler', 'scheduler'), 'schedule p → w1'), [], ['scheduler']],
  ])('%#', (m, edges, endpoints) => {
    const spot = canvasSpot(m);
    expect(spot.edges).toEqual(edges);
    expect(spot.endpoints).toEqual(endpoints);
  });

  it('lights exactly the edges of the highlighted message for the canvas', () => {
    const edges = edgeIds(['kubectl', 'apiserver']);
    setHighlightedInteraction({ opId: 1, index: 0, text: 'POST', caption: '', seqs: [1], edges, endpoints: ['kubectl', 'apiserver'] });
    const s = useSequenceHighlight.getState();
    expect([selectEdgeLit('e:kubectl~apiserver')(s), selectEdgeLit('e:apiserver~etcd')(s)]).toEqual([true, false]);
    setHighlightedInteraction(null);
    expect(selectEdgeLit('e:kubectl~apiserver')(useSequenceHighlight.getState())).toBe(false);
  });
});
