import { describe, expect, it } from 'vitest';
import { buildEdges } from './edges';

describe('buildEdges', () => {
  it.each([
    ['small cluster', ['w1', 'w2'], ['e:apiserver~node/w1', 'e:apiserver~node/w2']],
    ['pooled cluster', Array.from({ length: 60 }, (_, i) => `w${i}`), ['e:apiserver~pool']],
  ])("%s: the API server's edges down to the workers run under the control-plane group, the group's own edges over it", (_name, workers, down) => {
    const edges = buildEdges(['cp-1'], workers, false, new Map());
    const under = edges.filter((e) => e.zIndex === -1).map((e) => e.id);
    expect(under).toEqual(down);
    for (const id of ['e:kubectl~apiserver', 'e:scheduler~apiserver', 'e:controller-manager~apiserver', 'e:apiserver~etcd']) {
      expect(edges.find((e) => e.id === id)?.zIndex, id).toBeUndefined();
    }
  });
});
