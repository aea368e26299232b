import { describe, expect, it } from 'vitest';
import { inlineScenario, startTranscript } from './scenario-test-support';

/** A single k3s server keeps its state in SQLite through kine: there is no etcd member to break. */

const NO_ETCD = 'error: this cluster has no etcd: a single k3s server keeps its state in SQLite through kine, inside the k3s process (sandbox kill node server stops it)';
const VERBS = ['sandbox etcd status', 'sandbox kill etcd server', 'sandbox restore etcd server', 'sandbox fill-disk etcd server', 'sandbox defrag etcd server', 'sandbox etcd alarm list', 'sandbox etcd alarm disarm'];

describe('etcd verbs on a single k3s server', () => {
  const t = startTranscript(inlineScenario({
    cluster: '{ distribution: k3s, controlPlane: { nodes: 1 }, nodes: [] }',
    steps: [...VERBS.map((v): [string, string] => ['1s', v]), ['30s', 'kubectl get nodes']],
  }));
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();

  it.each(VERBS)('%s answers that there is no etcd', (verb) => {
    expect(t.block('00:00:01', verb)).toEqual([NO_ETCD]);
  });

  it('leaves the datastore running: the API server still answers', () => {
    expect(t.block('00:00:30', 'kubectl get nodes')[1]).toMatch(/^server\s+Ready\s+control-plane,master\s/);
  });
});

describe('etcd verbs where there is etcd', () => {
  it.each([
    ['k3s HA (embedded etcd)', '{ distribution: k3s, controlPlane: { nodes: 3 }, nodes: [] }', 'server-1'],
    ['kubeadm', '{ controlPlane: { nodes: 1 }, nodes: [] }', 'control-plane'],
  ])('%s: kill etcd kills the member', (_what, cluster, member) => {
    const t = startTranscript(inlineScenario({ cluster, steps: [['1s', `sandbox kill etcd ${member}`]] }));
    t.runner.runUntil(t.runner.untilMs);
    t.runner.finish();
    expect(t.block('00:00:01', `sandbox kill etcd ${member}`)[0]).toMatch(new RegExp(`^etcd member "${member}" \\(\\w+\\) killed: `));
  });
});
