import { stableStringify } from '../../engine/util/clone';
import { Checkpoints, type CheckpointPolicy } from '../checkpoints';
import { EngineSource } from '../engine-source';
import { builtinSession, type SessionSpec } from '../session-spec';
import type { SeekJob } from '../source';

/** Shared by the checkpoint tests (checkpoints.test.ts, checkpoints-trailing.test.ts). */

/** Everything a seek must reproduce: what the page is sent, what the engine holds, and its event log. */
export function state(src: EngineSource): string {
  src.flush();
  const objects = ['nodes', 'pods', 'deployments', 'replicasets', 'events', 'leases'].map((r) => src.cluster.objects(r));
  const log = src.cluster.log;
  return stableStringify({
    clock: src.clock(),
    revision: src.cluster.api.etcd.revision,
    records: src.snapshot(),
    objects,
    log: { digest: log.digest, total: log.total, last: log.since(Math.max(0, log.total - 200)) },
    recorded: src.query({ kind: 'recorded' }),
    session: src.query({ kind: 'session', text: 'export' }),
  });
}

/** 30 s apart, two minutes back: small enough for a unit test, the same code as the hour. */
export const POLICY: CheckpointPolicy = { windowMs: 120_000, count: 4, budgetBytes: 1e9, minForwardGainMs: 10_000, maxBuildMs: 60_000 };

/** node-failure with user actions on the way, played to 2m30s. */
export function played(): EngineSource {
  const { spec } = builtinSession('node-failure');
  const actions = [
    { atMs: 20_000, run: 'kubectl scale deployment/web --replicas=5' },
    { atMs: 45_500, run: 'sandbox kill node worker-1' },
    { atMs: 60_000, run: 'kubectl get pods' },
    { atMs: 90_000, run: 'sandbox restore node worker-1' },
  ];
  return new EngineSource({ ...spec, actions }).seek(150_000);
}

export function standby(): Checkpoints {
  return new Checkpoints((h: SessionSpec) => new EngineSource(h), POLICY);
}

/** Background work until nothing is left (bounded). */
export function build(ck: Checkpoints, live: EngineSource): number {
  let slices = 0;
  for (; slices < 10_000 && ck.work(live, 5, () => slices); slices++);
  return slices;
}

export function finish(job: SeekJob): EngineSource {
  let wall = 0;
  for (let i = 0; i < 10_000 && !job.step(50, () => (wall += 7)); i++);
  if (!(job.source instanceof EngineSource)) throw new Error('not an engine');
  return job.source;
}
