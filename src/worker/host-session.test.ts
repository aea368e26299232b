import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../protocol/messages';
import type { OpenRequest } from '../protocol/session';
import { StubSource } from './testing/stub-source';
import { PROTOCOL_VERSION } from '../protocol/version';
import { SimHost } from './host';
import type { Source } from './source';

/** A source whose seek back returns a new source (as EngineSource rebuilds); forward keeps itself. */
class Seekable extends StubSource {
  seek(ms: number): Source {
    if (ms >= this.simMs) {
      this.simMs = ms;
      return this;
    }
    return new Seekable(`${this.info.name}-rebuilt`, ms);
  }
}

function harness() {
  const posted: WorkerMessage[] = [];
  const first = new Seekable('first', 50_000);
  const host = new SimHost({
    now: () => 0,
    setTimer: () => 0,
    clearTimer: () => undefined,
    post: (m) => posted.push(m),
    makeSource: () => first,
    open: (req: OpenRequest) =>
      req.kind === 'builtin' && req.name === 'good' ? { ok: true, source: new Seekable('good'), notices: [] } : { ok: false, errors: ['x.yaml:3:5: spec.seed: must be a whole number'] },
  });
  host.handle({ type: 'hello', v: PROTOCOL_VERSION });
  posted.length = 0;
  return { host, posted, first };
}

describe('SimHost sessions', () => {
  it('a seek forward advances in place and pauses; a seek back swaps in the rebuilt source with a snapshot', () => {
    const { host, posted, first } = harness();
    host.handle({ type: 'control', v: PROTOCOL_VERSION, command: { kind: 'seek', ms: 80_000 } });
    expect(posted.map((m) => m.type)).toEqual(['batch']);
    expect(posted[0]).toMatchObject({ clock: { simTimeMs: 80_000, paused: true } });
    posted.length = 0;
    host.handle({ type: 'control', v: PROTOCOL_VERSION, command: { kind: 'seek', ms: 10_000 } });
    expect(first.disposed).toBe(true);
    expect(posted).toMatchObject([{ type: 'snapshot', scenario: { name: 'first-rebuilt' }, clock: { simTimeMs: 10_000, paused: true } }]);
  });

  it('open: on success a snapshot of the new scenario comes before the reply; on failure nothing changes', () => {
    const { host, posted, first } = harness();
    host.handle({ type: 'request', v: PROTOCOL_VERSION, id: 7, query: { kind: 'open', open: { kind: 'yaml', yaml: '', file: 'x.yaml' } } });
    expect(posted).toEqual([{ type: 'reply', v: PROTOCOL_VERSION, id: 7, body: { kind: 'opened', ok: false, errors: ['x.yaml:3:5: spec.seed: must be a whole number'], notices: [] } }]);
    expect(first.disposed).toBe(false);
    posted.length = 0;
    host.handle({ type: 'request', v: PROTOCOL_VERSION, id: 8, query: { kind: 'open', open: { kind: 'builtin', name: 'good' } } });
    expect(posted.map((m) => m.type)).toEqual(['snapshot', 'reply']);
    expect(posted[0]).toMatchObject({ scenario: { name: 'good' }, clock: { paused: false } });
    expect(first.disposed).toBe(true);
  });
});
