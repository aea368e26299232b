import { describe, expect, it } from 'vitest';
import type { CommandRecord, EventRecord } from '../../protocol/records';
import { isTable, mergeFeed } from './EventsPanel';

const ev = (key: string, order: number): EventRecord => ({
  key, namespace: 'default', type: 'Normal', reason: 'Scheduled', object: 'pod/x', message: '', count: 1, firstMs: 0, lastMs: 0, order,
});
const cmd = (key: string, order: number): CommandRecord => ({
  key, source: 'user', command: 'kubectl get pods', note: null, lines: [], lineCount: 0, running: false, exitCode: 0, startMs: 0, order,
});

describe('mergeFeed', () => {
  it.each([
    [[9, 5, 1], [7, 3], ['e9', 'c7', 'e5', 'c3', 'e1']],
    [[], [2, 1], ['c2', 'c1']],
    [[4], [], ['e4']],
    // A command and the events it caused share a revision: the command comes first.
    [[6], [6], ['c6', 'e6']],
  ])('events %j + commands %j → %j', (events, commands, want) => {
    const feed = mergeFeed(events.map((o) => ev(`e${o}`, o)), commands.map((o) => cmd(`c${o}`, o)));
    expect(feed.map((f) => f.rec.key)).toEqual(want);
  });
});

describe('isTable', () => {
  it.each([
    [['NAME       STATUS   ROLES           AGE   VERSION', 'cp   Ready'], true],
    [['NAME   READY   STATUS    RESTARTS   AGE   IP   NODE   NOMINATED NODE   READINESS GATES'], true],
    [['node/worker-1 cordoned', 'evicting pod default/web-1'], false],
    [['Warning: ignoring DaemonSet-managed Pods: default/log-agent-x'], false],
    [[], false],
  ])('%j → %s', (lines, want) => {
    expect(isTable(lines)).toBe(want);
  });
});
