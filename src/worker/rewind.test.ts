import { describe, expect, it } from 'vitest';
import { stableStringify } from '../engine/util/clone';
import type { CommandRecord } from '../protocol/records';
import { EngineSource } from './engine-source';
import { builtinSession } from './session-spec';

/**
 * Everything a seek must reproduce: what the page is sent, what the engine holds and its event
 * log. (A seek from a parked engine is compared the same way in checkpoints.test.ts.)
 */
function state(src: EngineSource): string {
  src.flush();
  const objects = ['nodes', 'pods', 'deployments', 'replicasets', 'events', 'leases'].map((r) => src.cluster.objects(r));
  const log = { digest: src.cluster.log.digest, total: src.cluster.log.total };
  return stableStringify({ clock: src.clock(), revision: src.cluster.api.etcd.revision, records: src.snapshot(), objects, log });
}

/** node-failure with user actions on the way, played to 2m30s, then seeking back to `backMs`. */
function played(): EngineSource {
  const { spec } = builtinSession('node-failure');
  const actions = [
    { atMs: 20_000, run: 'kubectl scale deployment/web --replicas=5' },
    { atMs: 45_500, run: 'sandbox kill node worker-1' },
    { atMs: 90_000, run: 'sandbox restore node worker-1' },
  ];
  return new EngineSource({ ...spec, actions }).seek(150_000);
}

/** A wall clock that moves `stepMs` each time it is read: every chunk spends a slice's budget differently. */
function ticking(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

describe('RunToJob (a seek in slices)', () => {
  it.each([
    ['slow chunks: small chunks, many slices', 20, 40],
    ['one chunk per slice', 60, 50],
    ['fast chunks: large chunks, few slices', 1, 50],
  ])('ends in exactly the state of the one-piece rebuild (%s)', (_name, tick, budget) => {
    const oneLive = played();
    const onePiece = oneLive.seek(100_000);
    const live = played();
    const job = live.startSeek(100_000);
    expect(job.rebuilt).toBe(true);
    const wall = ticking(tick);
    let slices = 0;
    const progress: number[] = [];
    for (; slices < 10_000 && !job.step(budget, wall); slices++) progress.push(job.progress());
    expect(job.progress()).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    if (tick >= 20) expect(slices).toBeGreaterThan(10);
    const sliced = job.source as EngineSource;
    expect(sliced.clock().simTimeMs).toBe(100_000);
    expect(state(sliced)).toBe(state(onePiece));
    for (const s of [oneLive, onePiece, live, sliced]) s.dispose();
  });

  it('a seek forward runs the running source in place; a seek to now is done at once', () => {
    const src = new EngineSource('node-failure');
    const stay = src.startSeek(0);
    expect(stay.step(50, ticking(1))).toBe(true);
    const fwd = src.startSeek(30_000);
    expect(fwd).toMatchObject({ rebuilt: false, targetMs: 30_000 });
    expect(fwd.source).toBe(src);
    expect(fwd.progress()).toBe(0);
    for (let i = 0; i < 1000 && !fwd.step(5, ticking(10)); i++);
    expect(src.clock().simTimeMs).toBe(30_000);
    src.dispose();
  });
});

describe('Ctrl-C on a streaming command', () => {
  function commandRecords(src: EngineSource): CommandRecord[] {
    return src.snapshot().commands.filter((c) => c.command === 'kubectl get pods -w');
  }

  it('is recorded at its time and replayed by a seek back, so the watch stops there again', () => {
    const src = new EngineSource('node-failure');
    src.advance(10_000);
    const ran = src.console({ kind: 'run', line: 'kubectl get pods -w' });
    if (ran.kind !== 'ran' || !ran.commandKey) throw new Error('not running');
    expect(ran.running).toBe(true);
    src.advance(5_000);
    expect(src.console({ kind: 'interrupt', commandKey: ran.commandKey })).toMatchObject({ kind: 'interrupted', ok: true });
    src.advance(20_000);
    const recorded = src.query({ kind: 'recorded' });
    expect(recorded).toMatchObject({ steps: [{ atMs: 10_000, run: 'kubectl get pods -w' }, { atMs: 15_000, run: '# ^C kubectl get pods -w' }] });
    const before = commandRecords((src.flush(), src));
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ running: false });

    const back = src.seek(30_000);
    back.flush();
    const replayed = commandRecords(back);
    expect(replayed).toHaveLength(1);
    expect(replayed[0]).toMatchObject({ running: false });
    expect(replayed[0]!.lines).toEqual(before[0]!.lines);
    // The replay recorded the same history again (a link made now carries it too).
    expect(back.query({ kind: 'recorded' })).toEqual(recorded);

    // Back to before the Ctrl-C: the watch is running, and stops when time reaches it.
    const early = back.seek(12_000);
    early.flush();
    expect(commandRecords(early)[0]).toMatchObject({ running: true });
    early.advance(5_000);
    early.flush();
    expect(commandRecords(early)[0]).toMatchObject({ running: false });
    for (const s of [src, back, early]) s.dispose();
  });
});
