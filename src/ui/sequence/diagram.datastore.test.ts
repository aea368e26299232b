import { beforeAll, describe, expect, it } from 'vitest';
import { DATASTORE_NAME } from '../canvas/datastore';
import { buildDiagram, drawDiagram, type DrawnDiagram } from './diagram';
import { parseSequence, type Parsed } from './testing/mermaid-node';
import { recordOperation } from './testing/fixtures';

/** The etcd lane is named after the cluster's datastore: kine (SQLite) on a single k3s server. */

let etcd: DrawnDiagram;
let kine: DrawnDiagram;
let parsed: Parsed;

beforeAll(async () => {
  const run = recordOperation('kubectl apply -f web.yaml');
  etcd = drawDiagram(buildDiagram(run.op, run.records, { datastore: DATASTORE_NAME.etcd }));
  kine = drawDiagram(buildDiagram(run.op, run.records, { datastore: DATASTORE_NAME['kine-sqlite'] }));
  parsed = await parseSequence(kine.text);
});

describe('the datastore lane', () => {
  it('is labelled kine (SQLite), in the etcd lane\'s place, under the same key', () => {
    const lanes = (d: DrawnDiagram) => d.participants.map((p) => `${p.key}=${p.label}`);
    expect(lanes(kine)).toEqual(lanes(etcd).map((l) => (l === 'etcd=etcd' ? 'etcd=kine (SQLite)' : l)));
    expect(lanes(kine)).toContain('etcd=kine (SQLite)');
  });

  it('reaches mermaid through escapeText (parentheses are plain, as in "You (kubectl)"), and mermaid reads it back as is', () => {
    expect(kine.text).toMatch(/^ {2}participant P\d+ as kine \(SQLite\)$/m);
    expect(parsed.actors.map((a) => a.description)).toContain('kine (SQLite)');
    expect(parsed.actors.map((a) => a.description)).not.toContain('etcd');
  });

  it('draws the same messages; the captions say where the API server stores things', () => {
    expect(kine.messages.map((m) => m.text)).toEqual(etcd.messages.map((m) => m.text));
    const txn = kine.messages.find((m) => m.text === 'txn put /registry/deployments/default/web');
    expect(txn?.to.label).toBe('kine (SQLite)');
    expect(txn?.caption).toBe('The API server stores the Deployment web in SQLite through kine (/registry/deployments/default/web).');
    expect(kine.messages.filter((m) => /\betcd\b/.test(m.caption))).toEqual([]);
    expect(etcd.messages.find((m) => m.text === txn?.text)?.caption).toBe('The API server stores the Deployment web in etcd (/registry/deployments/default/web).');
  });
});
