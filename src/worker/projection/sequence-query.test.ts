import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster';
import { interactionsReply, operationsReply } from './sequence-query';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx:1.27 }] }
`;

describe('sequence queries', () => {
  const c = new Cluster({ seed: 3, files: { 'web.yaml': WEB } }).boot();
  c.run('kubectl apply -f web.yaml');
  c.advance(30_000);
  const op = c.log.operations.at(-1)!;

  it('lists the operations', () => {
    const r = operationsReply(c.log);
    expect(r.kind === 'operations' && r.operations.map((o) => o.command)).toEqual(['kubectl apply -f web.yaml']);
  });

  it("answers an operation's records without the ones never drawn", () => {
    const r = interactionsReply(c.log, op.id);
    if (r.kind !== 'interactions') throw new Error(r.kind);
    const all = c.log.forOperation(op.id);
    expect(r.operation?.id).toBe(op.id);
    expect(r.records.length).toBeGreaterThan(20);
    expect(r.records.length).toBeLessThan(all.length);
    expect(r.records.every((x) => x.opId === op.id && x.kind !== 'heartbeat' && x.ref?.kind !== 'Lease')).toBe(true);
    // Controllers that only hear about the pods (never act) are left out; the scheduler is not.
    const watchers = new Set(r.records.filter((x) => x.kind === 'watch').map((x) => x.to));
    expect(watchers.has('kcm/job-controller')).toBe(false);
    expect(watchers.has('scheduler')).toBe(true);
    expect(r.truncated).toBe(false);
  });

  it('answers an unknown operation with nothing', () => {
    expect(interactionsReply(c.log, 999)).toEqual({ kind: 'interactions', opId: 999, operation: null, records: [], truncated: false });
  });
});
