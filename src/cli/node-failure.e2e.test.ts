/**
 * End to end: the node-failure built-in against the whole engine (kubelets, node lifecycle
 * and taint-eviction controllers, ReplicaSet/DaemonSet controllers, scheduler, kubectl),
 * checking the timeline of k8s-semantics §1.5 on the cluster's objects and in the transcript.
 */
import { describe, expect, it } from 'vitest';
import type { Lease, Node, Pod } from '../engine/api/types';
import { parseScenario, ScenarioRunner } from '../engine/scenario';
import { parseTimestamp } from '../engine/sim/time';
import { builtinScenario } from '../scenarios';

const S = 1000;

function ready(obj: { status?: { conditions?: { type: string; status: string }[] } } | undefined): string | undefined {
  return obj?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

function start(): { runner: ScenarioRunner; transcript: string[] } {
  const parsed = parseScenario(builtinScenario('node-failure')!.yaml, 'node-failure.yaml');
  if (!parsed.ok) throw new Error('node-failure does not parse');
  const transcript: string[] = [];
  const runner = new ScenarioRunner(parsed.scenario, (l) => transcript.push(l));
  runner.cluster.boot();
  return { runner, transcript };
}

describe('node-failure end to end', () => {
  it('NotReady ~50 s after the last heartbeat, taints, eviction 300 s later, replacements elsewhere, DaemonSet pod kept', () => {
    const { runner, transcript } = start();
    const c = runner.cluster;
    const at = (simS: number): void => runner.runUntil(simS * S);
    const node = (): Node => c.api.peek<Node>('nodes', undefined, 'worker-2')!;
    const pods = (): Pod[] => c.objects<Pod>('pods').filter((p) => p.metadata.namespace === 'default');
    const web = (): Pod[] => pods().filter((p) => p.metadata.labels?.app === 'web');
    const agents = (): Pod[] => pods().filter((p) => p.metadata.labels?.app === 'log-agent');

    at(30);
    expect(web().filter((p) => p.status?.phase === 'Running' && ready(p) === 'True')).toHaveLength(6);
    expect(new Set(web().map((p) => p.spec.nodeName))).toEqual(new Set(['worker-1', 'worker-2', 'worker-3']));
    expect(agents().map((p) => p.spec.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(node().spec.taints ?? []).toEqual([]);

    at(60); // the step at 1m powers worker-2 off
    const lease = c.api.peek<Lease>('leases', 'kube-node-lease', 'worker-2')!;
    const lastRenewMs = parseTimestamp(lease.spec.renewTime)!;
    const doomed = web().filter((p) => p.spec.nodeName === 'worker-2').map((p) => p.metadata.name);
    expect(doomed.length).toBeGreaterThan(0);

    let notReadyMs: number | undefined;
    for (let s = 61; s <= 130 && notReadyMs === undefined; s++) {
      at(s);
      if (ready(node()) !== 'True') notReadyMs = c.now;
    }
    expect(notReadyMs).toBeDefined();
    const silence = notReadyMs! - lastRenewMs;
    expect(silence).toBeGreaterThanOrEqual(50 * S);
    expect(silence).toBeLessThanOrEqual(56 * S);
    expect(ready(node())).toBe('Unknown');
    // The NoSchedule taint follows the condition change within the watch / work-queue latency.
    at(Math.ceil((notReadyMs! - c.startMs) / S) + 1);
    expect((node().spec.taints ?? []).map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoSchedule');

    at(Math.ceil((notReadyMs! - c.startMs) / S) + 12);
    const noExecute = node().spec.taints?.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute');
    expect(noExecute).toBeDefined();
    const taintedMs = parseTimestamp(noExecute!.timeAdded)!;
    for (const name of doomed) expect(ready(c.api.peek<Pod>('pods', 'default', name))).toBe('False');

    // Evicted 300 s after the NoExecute taint, not before.
    const taintedS = Math.floor((taintedMs - c.startMs) / S);
    at(taintedS + 299);
    for (const name of doomed) expect(c.api.peek<Pod>('pods', 'default', name)!.metadata.deletionTimestamp).toBeUndefined();
    at(taintedS + 306);
    for (const name of doomed) expect(c.api.peek<Pod>('pods', 'default', name)!.metadata.deletionTimestamp).toBeDefined();

    at(450); // the last steps, at 7m30s
    const live = web().filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(6);
    for (const p of live) {
      expect(p.spec.nodeName).not.toBe('worker-2');
      expect(p.status?.phase).toBe('Running');
    }
    // Still Terminating: only the dead kubelet could confirm the kill.
    expect(doomed.every((name) => c.api.peek<Pod>('pods', 'default', name)?.metadata.deletionTimestamp)).toBe(true);
    const agentOn2 = agents().find((p) => p.spec.nodeName === 'worker-2');
    expect(agentOn2?.metadata.deletionTimestamp).toBeUndefined();

    const last = transcript.slice(transcript.lastIndexOf('[00:07:30] $ kubectl get nodes'));
    expect(last.some((l) => /^worker-2\s+NotReady\s/.test(l))).toBe(true);
    const podLines = transcript.slice(transcript.lastIndexOf('[00:07:30] $ kubectl get pods -o wide'));
    for (const name of doomed) expect(podLines.some((l) => l.startsWith(`${name} `) && /\sTerminating\s/.test(l) && /\sworker-2\s/.test(l))).toBe(true);

    // The node comes back: its kubelet confirms the kills and the evicted pods go away.
    expect(c.sandbox.restoreNode('worker-2')).toBeUndefined();
    at(540);
    for (const name of doomed) expect(c.api.peek<Pod>('pods', 'default', name)).toBeUndefined();
    expect(ready(node())).toBe('True');
  });
});
