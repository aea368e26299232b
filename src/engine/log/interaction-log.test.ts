import { describe, expect, it } from 'vitest';
import { fnv32a } from '../util/clone';
import { InteractionKind, InteractionLog, type Interaction } from './interaction-log';

const BASE = { kind: InteractionKind.EtcdWrite, from: 'apiserver', to: 'etcd', opId: 3 } as const;

function logged(keep: boolean, write: (log: InteractionLog) => void): { digest: string; records: Interaction[] } {
  const log = new InteractionLog(() => 1234, 16);
  log.keep = keep;
  write(log);
  return { digest: log.digest, records: log.since(0) };
}

describe('InteractionLog.appendJoined', () => {
  it.each([
    ['txn put ', '/registry/pods/default/web-1'],
    ['POST ', '/api/v1/namespaces/default/events'],
    ['', 'no prefix'],
    ['watch ADDED Pod ', 'ünïcödé-名前'],
  ])('hashes %j + %j exactly as append of the whole label', (prefix, rest) => {
    const whole = logged(true, (log) => log.append({ ...BASE, label: prefix + rest }));
    const joined = logged(true, (log) => log.appendJoined(BASE, prefix, rest));
    expect(joined.digest).toBe(whole.digest);
    expect(joined.records.map((r) => r.label)).toEqual([prefix + rest]);
  });

  it('gives the same digest whether or not records are kept', () => {
    const write = (log: InteractionLog): void => {
      log.append({ kind: InteractionKind.Request, from: 'kubelet/w1', to: 'apiserver', label: 'PUT /api/v1/namespaces/default/pods/web-1/status' });
      log.append({ kind: InteractionKind.Response, from: 'apiserver', to: 'kubelet/w1', label: '200 OK', code: 200 });
      log.appendJoined(BASE, 'txn put ', '/registry/pods/default/web-1');
    };
    const kept = logged(true, write);
    const counted = logged(false, write);
    expect(counted.digest).toBe(kept.digest);
    expect(kept.records).toHaveLength(3);
    expect(counted.records).toHaveLength(0);
  });
});

describe('InteractionLog.appendParts', () => {
  it.each([
    ['schedule ', 'web-7f9c-abcde', ' → ', 'node-0001'],
    ['', '', '', ''],
    ['schedule ', 'ünïcödé-名前', ' → ', 'nœud'],
  ])('hashes %j + %j + %j + %j exactly as append of the whole label', (prefix, a, sep, b) => {
    const label = prefix + a + sep + b;
    const whole = logged(true, (log) => log.append({ ...BASE, label }));
    const parts = logged(true, (log) => log.appendParts(BASE, prefix, a, sep, b));
    const counted = logged(false, (log) => log.appendParts(BASE, prefix, a, sep, b));
    expect(parts.digest).toBe(whole.digest);
    expect(counted.digest).toBe(whole.digest);
    expect(parts.records.map((r) => r.label)).toEqual([label]);
  });
});

describe('InteractionLog digest', () => {
  /** The running hash as first written: every field's FNV-1a (or number) mixed in order, the time as two 32-bit words. */
  function referenceDigest(records: readonly { tMs: number; kind: string; from: string; to: string; label: string; opId?: number; code?: number }[]): string {
    const mix = (h: number, v: number): number => {
      const x = Math.imul(h ^ (v | 0), 0x5bd1e995);
      return (x ^ (x >>> 15)) >>> 0;
    };
    let h = 0x811c9dc5;
    for (const r of records) {
      h = mix(h, r.tMs % 0x100000000);
      h = mix(h, Math.floor(r.tMs / 0x100000000));
      for (const f of [r.kind, r.from, r.to, r.label]) h = mix(h, fnv32a(f));
      h = mix(h, r.opId ?? -1);
      h = mix(h, r.code ?? -1);
    }
    return (h >>> 0).toString(16).padStart(8, '0');
  }

  it.each([0, 1234, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 2 ** 40 + 5, 2 ** 52 + 3, 12.5])('at t=%d ms, for every kind, hashes as the reference', (tMs) => {
    const kinds = [...Object.values(InteractionKind), 'custom-kind'];
    const records = kinds.map((kind, i) => ({ tMs, kind, from: `from-${i % 3}`, to: i % 2 ? 'apiserver' : 'etcd', label: `label ${i}`, ...(i % 2 ? { opId: i } : {}), ...(i % 3 ? {} : { code: 200 }) }));
    const log = new InteractionLog(() => tMs, 16);
    log.keep = false;
    for (const r of records) log.append({ kind: r.kind as InteractionKind, from: r.from, to: r.to, label: r.label, opId: r.opId, code: r.code });
    expect(log.digest).toBe(referenceDigest(records));
  });
});
