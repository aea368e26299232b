import { describe, expect, it } from 'vitest';
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
