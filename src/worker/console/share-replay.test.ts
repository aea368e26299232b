import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/version';
import { EMPTY_VIEW, encodeLink } from '../../scenarios/link';
import { EngineSource } from '../engine-source';
import { sourceForHello } from '../restore';

/**
 * Issue 5: every command typed in the console, and every editor apply, is a step of the
 * scenario at its simulated time, so a share link plays them again to the same cluster:
 * Helm releases with their history, the objects the editor applied, the console's scale.
 */

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;

const opened: EngineSource[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.dispose();
});

function track(s: EngineSource): EngineSource {
  opened.push(s);
  return s;
}

function run(src: EngineSource, toMs: number): void {
  for (let i = 0; i < 10_000 && src.clock().simTimeMs < toMs; i++) src.advance(Math.min(700, toMs - src.clock().simTimeMs));
}

function type(src: EngineSource, line: string): string {
  const r = src.console({ kind: 'run', line });
  if (r.kind !== 'ran') throw new Error(`expected ran, got ${r.kind}`);
  return r.lines.map((l) => l.text).join('\n');
}

/** What the user would check: pods by phase, the release history, the applied object. */
interface Picture {
  readonly pods: string;
  readonly history: string;
  readonly values: string;
  readonly settings: string;
  readonly releases: string;
}

function picture(src: EngineSource): Picture {
  src.flush();
  const pods = src.snapshot().pods.map((p) => `${p.namespace}/${p.name} ${p.node ?? '-'} ${p.status}`).sort();
  return {
    pods: pods.join('\n'),
    history: type(src, 'helm history demo'),
    values: type(src, 'helm get values demo'),
    settings: type(src, 'kubectl get configmap settings -o jsonpath={.data.mode}'),
    releases: type(src, 'kubectl get secrets -l owner=helm -o name'),
  };
}

describe('a share link replays what was typed and applied', () => {
  it('opens a fresh page on the same releases, history and objects', () => {
    const src = track(new EngineSource('node-failure'));
    run(src, 5_000);
    expect(type(src, 'helm install demo sandbox/webapp --set replicaCount=2')).toContain('STATUS: deployed');
    run(src, 15_000);
    const applied = src.console({ kind: 'apply', text: CONFIG });
    expect(applied).toMatchObject({ kind: 'applied', exitCode: 0 });
    run(src, 25_000);
    expect(type(src, 'helm upgrade demo sandbox/webapp --reuse-values --set replicaCount=3')).toContain('has been upgraded');
    run(src, 45_000);
    const before = picture(src);
    expect(before.history.split('\n')).toHaveLength(3);
    expect(before.settings).toBe('fast');
    expect(before.releases.split('\n')).toEqual(['secret/sh.helm.release.v1.demo.v1', 'secret/sh.helm.release.v1.demo.v2']);
    expect(before.pods.match(/demo-webapp-\S+ \S+ Running/g)).toHaveLength(3);

    const session = src.query({ kind: 'session', text: 'share' });
    if (session.kind !== 'session' || session.text === null) throw new Error('no share text');
    // Every line typed is a step, the reads of picture() too, each at its simulated time.
    expect(session.actions.map((a) => `${a.atMs} ${a.run}`)).toEqual([
      '5000 helm install demo sandbox/webapp --set replicaCount=2',
      '15000 kubectl apply -f editor-1.yaml',
      '25000 helm upgrade demo sandbox/webapp --reuse-values --set replicaCount=3',
      '45000 helm history demo',
      '45000 helm get values demo',
      '45000 kubectl get configmap settings -o jsonpath={.data.mode}',
      '45000 kubectl get secrets -l owner=helm -o name',
    ]);
    const link = encodeLink({ scenario: session.text, actions: session.actions, timeMs: src.clock().simTimeMs, view: EMPTY_VIEW });
    if (!link.ok) throw new Error(link.error);
    const fresh = track(sourceForHello({ type: 'hello', v: PROTOCOL_VERSION, link: `#${link.fragment}` }));
    expect(fresh.warning).toBeUndefined();
    expect(fresh.clock().simTimeMs).toBe(src.clock().simTimeMs);
    expect(picture(fresh)).toEqual(before);
  });
});
