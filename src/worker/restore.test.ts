import { describe, expect, it } from 'vitest';
import { encodeLink, EMPTY_VIEW } from '../scenarios/link';
import { EngineSource } from './engine-source';
import { buildSession, openSessionAt, prepareOpen, sourceAtForHello, sourceForHello } from './restore';
import { PROTOCOL_VERSION } from '../protocol/version';

/** What a user sees of a moment: node states and which pod runs where, in what phase. */
function picture(src: EngineSource): { nodes: string[]; pods: string[]; timeMs: number } {
  src.flush();
  const sets = src.snapshot();
  const nodes = sets.nodes.map((n) => `${n.name} ${n.status} up=${String(n.machineUp)} ${n.taints.join(',')}`).sort();
  const pods = sets.pods.map((p) => `${p.namespace}/${p.name} ${p.node ?? '-'} ${p.status}`).sort();
  return { nodes, pods, timeMs: src.clock().simTimeMs };
}

function run(src: EngineSource, toMs: number, chunkMs: number): void {
  for (let i = 0; i < 10_000 && src.clock().simTimeMs < toMs; i++) src.advance(Math.min(chunkMs, toMs - src.clock().simTimeMs));
}

/** node-failure played by hand: a user drain at 20 s, a console line at 40 s, to 90 s. */
function played(): EngineSource {
  const src = new EngineSource('node-failure');
  run(src, 20_000, 700);
  src.action({ kind: 'cordon', node: 'worker-1' });
  run(src, 40_000, 1300);
  src.console({ kind: 'run', line: 'kubectl scale deployment web --replicas=5' });
  run(src, 90_000, 450);
  return src;
}

describe('seek', () => {
  it('going back rebuilds the same past, and coming forward again the same present', () => {
    const src = played();
    const at90 = picture(src);
    const back = src.seek(30_000);
    expect(back).not.toBe(src);
    expect(back.clock().simTimeMs).toBe(30_000);
    const at30 = picture(back);
    expect(at30.nodes.some((n) => n.startsWith('worker-1') && n.includes('SchedulingDisabled'))).toBe(true);
    // The scale at 40 s is still ahead: pending, and replayed when the clock gets there.
    expect(back.query({ kind: 'session' })).toMatchObject({ pending: [{ atMs: 40_000, run: 'kubectl scale deployment web --replicas=5' }] });
    const forward = back.seek(90_000);
    expect(forward).toBe(back);
    expect(picture(forward)).toEqual(at90);
  });

  it('a new action after going back drops the actions that came later', () => {
    const back = played().seek(30_000);
    back.action({ kind: 'uncordon', node: 'worker-1' });
    const session = back.query({ kind: 'session' });
    if (session.kind !== 'session') throw new Error('no session reply');
    expect(session.pending).toEqual([]);
    expect(session.actions.map((a) => a.run)).toEqual(['kubectl cordon worker-1', 'kubectl uncordon worker-1']);
  });
});

describe('open', () => {
  it('a share link opens the same cluster at the same moment', () => {
    const src = played();
    const session = src.query({ kind: 'session', text: 'share' });
    if (session.kind !== 'session' || session.text === null) throw new Error('no share text');
    const link = encodeLink({ scenario: session.text, actions: session.actions, timeMs: src.clock().simTimeMs, view: EMPTY_VIEW });
    if (!link.ok) throw new Error(link.error);
    const opened = sourceForHello({ type: 'hello', v: PROTOCOL_VERSION, link: `#${link.fragment}` });
    expect(opened.warning).toBeUndefined();
    expect(picture(opened)).toEqual(picture(src));
  });

  it('the worker\'s first source for a link starts at 0 and, run to the link\'s moment in slices, shows the same cluster', () => {
    const src = played();
    const session = src.query({ kind: 'session', text: 'share' });
    if (session.kind !== 'session' || session.text === null) throw new Error('no share text');
    const link = encodeLink({ scenario: session.text, actions: session.actions, timeMs: src.clock().simTimeMs, view: EMPTY_VIEW });
    if (!link.ok) throw new Error(link.error);
    const { source, atMs } = sourceAtForHello({ type: 'hello', v: PROTOCOL_VERSION, link: `#${link.fragment}` });
    expect(atMs).toBe(90_000);
    expect(source.clock().simTimeMs).toBe(0);
    const job = source.startSeek(atMs);
    let wall = 0;
    for (let i = 0; i < 10_000 && !job.step(20, () => (wall += 7)); i++);
    expect(picture(source)).toEqual(picture(src));
    expect(sourceAtForHello({ type: 'hello', v: PROTOCOL_VERSION, link: '#v1.AAAA' })).toMatchObject({ atMs: 0, source: { warning: expect.stringMatching(/default scenario/) } });
    expect(sourceAtForHello({ type: 'hello', v: PROTOCOL_VERSION })).toMatchObject({ atMs: 0, source: { warning: undefined } });
  });

  it('an exported scenario, imported as a file, plays the user\'s actions as steps to the same moment', () => {
    const src = played();
    const session = src.query({ kind: 'session', text: 'export' });
    if (session.kind !== 'session' || session.text === null) throw new Error('no export text');
    const opening = prepareOpen({ kind: 'yaml', yaml: session.text, file: 'node-failure.yaml' });
    if (!opening.ok) throw new Error(opening.errors.join('\n'));
    expect(opening.spec.scenario.spec.steps.map((s) => s.run)).toContain('kubectl cordon worker-1');
    const imported = buildSession(opening.spec, src.clock().simTimeMs);
    expect(picture(imported)).toEqual(picture(src));
  });

  it('a broken link falls back to the default scenario with the codec\'s reason', () => {
    const src = sourceForHello({ type: 'hello', v: PROTOCOL_VERSION, link: '#v1.AAAA' });
    expect(src.info.name).toBe('node-failure');
    expect(src.warning).toMatch(/^link: /);
    expect(src.warning).toMatch(/default scenario/);
  });

  it('an invalid imported file is refused with file:line:column and the field path', () => {
    const opening = prepareOpen({ kind: 'yaml', file: 'mine.yaml', yaml: 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata:\n  name: x\nspec:\n  seed: -1\n' });
    expect(opening.ok).toBe(false);
    if (opening.ok) return;
    expect(opening.errors.join('\n')).toMatch(/^mine\.yaml:\d+:\d+: spec\./m);
  });

  it('a built-in opens at its start', () => {
    const opening = prepareOpen({ kind: 'builtin', name: 'deploy-three-replicas' });
    if (!opening.ok) throw new Error(opening.errors.join('\n'));
    const src = buildSession(opening.spec, opening.timeMs);
    expect(src.info.name).toBe('deploy-three-replicas');
    expect(src.clock().simTimeMs).toBe(0);
    expect(prepareOpen({ kind: 'builtin', name: 'nope' })).toEqual({ ok: false, errors: ['unknown scenario "nope"'] });
  });
});

describe('openSessionAt (a link pasted into a running page)', () => {
  it("builds the link's session at the start and says which moment to run it to; a broken link is refused at once", () => {
    const src = played();
    const info = src.query({ kind: 'session', text: 'share' });
    if (info.kind !== 'session' || info.text === null) throw new Error('no share text');
    const link = encodeLink({ scenario: info.text, actions: [{ atMs: 20_000, run: 'kubectl cordon worker-1' }], timeMs: 60_000, view: EMPTY_VIEW });
    if (!link.ok) throw new Error(link.error);
    const opened = openSessionAt({ kind: 'link', fragment: link.fragment });
    if (!opened.ok) throw new Error(opened.errors.join());
    expect(opened.atMs).toBe(60_000);
    expect(opened.source.clock().simTimeMs).toBe(0);
    // Run there in parts (as the host's slices do): the same moment as the link opened in one piece.
    const job = opened.source.startSeek(60_000);
    for (let i = 0; i < 1000 && !job.step(5, () => i * 10); i++);
    const prepared = prepareOpen({ kind: 'link', fragment: link.fragment });
    if (!prepared.ok) throw new Error(prepared.errors.join());
    const whole = buildSession(prepared.spec, 60_000);
    expect(picture(opened.source)).toEqual(picture(whole));
    expect(openSessionAt({ kind: 'link', fragment: 'v1.garbage' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^link: /)] });
    for (const s of [src, opened.source, whole]) s.dispose();
  });
});
