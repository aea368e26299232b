import { describe, expect, it } from 'vitest';
import { applyChange, emptyStore, storeFromSets, storesEqual } from '../protocol/changes';
import type { CommandRecord } from '../protocol/records';
import { EngineSource } from './engine-source';

/** The page's worker source, against the real engine and the built-in node-failure scenario. */
describe('EngineSource', () => {
  it('opens node-failure through the scenario runner and plays its timeline', () => {
    const src = new EngineSource(undefined);
    expect(src.info).toMatchObject({ name: 'node-failure', title: 'A worker node dies' });
    expect(src.warning).toBeUndefined();
    const mirror = emptyStore();
    const pump = () => {
      for (const ch of src.flush()) expect(applyChange(mirror, ch)).toBe(true);
    };
    pump();
    const steps = () => [...mirror.commands.values()].filter((c) => c.source === 'step').map((c) => c.command);
    expect(steps()).toEqual(['kubectl apply -f web.yaml']);
    // Past the kill step at 1m: the step ran on the timeline, with its note.
    for (let t = 0; t < 70; t++) {
      src.advance(1000);
      pump();
    }
    expect(steps()).toContain('sandbox kill node worker-2');
    const kill = [...mirror.commands.values()].find((c) => c.command === 'sandbox kill node worker-2');
    expect(kill?.note).toMatch(/loses power/);
    expect([...mirror.nodes.values()].find((n) => n.name === 'worker-2')?.machineUp).toBe(false);
    expect(storesEqual(mirror, storeFromSets(src.snapshot()))).toBe(true);
    src.dispose();
  });

  it('runs page actions as real commands and keeps streaming their output', () => {
    const src = new EngineSource('node-failure');
    src.advance(20_000);
    src.flush();
    const reply = src.action({ kind: 'drain', node: 'worker-1' });
    expect(reply).toMatchObject({ kind: 'action', ok: true, command: 'kubectl drain worker-1 --ignore-daemonsets --delete-emptydir-data', running: true });
    if (reply.kind !== 'action' || !reply.commandKey) throw new Error('no command record');
    const records = new Map<string, CommandRecord>();
    const collect = () => {
      for (const ch of src.flush()) if (ch.c === 'commands' && ch.op === 'put') records.set(ch.rec.key, ch.rec);
      else if (ch.c === 'commands' && ch.op === 'patch') records.set(ch.key, { ...records.get(ch.key)!, ...ch.set });
    };
    collect();
    expect(records.get(reply.commandKey)).toMatchObject({ source: 'user', running: true, lines: expect.arrayContaining(['node/worker-1 cordoned']) });
    for (let t = 0; t < 60 && records.get(reply.commandKey)?.running; t++) {
      src.advance(1000);
      collect();
    }
    const done = records.get(reply.commandKey)!;
    expect(done.running).toBe(false);
    expect(done.exitCode).toBe(0);
    expect(done.lines.at(-1)).toBe('node/worker-1 drained');
    src.dispose();
  });

  it.each([
    ['k3s-single-node', ['kine-sqlite']],
    ['ha-control-plane', [undefined, undefined, undefined]],
    ['node-failure', [undefined]],
  ])('%s: the etcd component names a datastore that is not etcd', (name, want) => {
    const src = new EngineSource(name);
    src.flush();
    expect(src.snapshot().components.filter((c) => c.kind === 'etcd').map((c) => c.datastore)).toEqual(want);
    src.dispose();
  });

  it('an unknown scenario name opens the default, with a warning for the page', () => {
    const src = new EngineSource('no-such-scenario');
    expect(src.info.name).toBe('node-failure');
    expect(src.warning).toBe('unknown scenario "no-such-scenario"; opened node-failure instead');
    src.dispose();
  });
});
