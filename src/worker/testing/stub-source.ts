import type { Change, ReplyBody } from '../../protocol/messages';
import type { RecordSets } from '../../protocol/records';
import type { Source } from '../source';

/** An empty record set with every collection, as a snapshot of a cluster with nothing in it. */
export function emptyRecords(): RecordSets {
  return { nodes: [], pods: [], workloads: [], components: [], flows: [], events: [], commands: [], traffic: [], trafficTotals: [] };
}

/**
 * A Source with no cluster behind it, for host tests: a clock that `advance` moves, no
 * changes, empty snapshots; actions are counted and succeed. Subclasses add seeking.
 */
export class StubSource implements Source {
  readonly info: { name: string; title: string; description: string };
  disposed = false;
  actions = 0;
  constructor(
    name: string,
    public simMs = 0,
  ) {
    this.info = { name, title: name, description: '' };
  }
  advance(ms: number): void {
    this.simMs += ms;
  }
  runFor(): void {}
  flush(): Change[] {
    return [];
  }
  snapshot(): RecordSets {
    return emptyRecords();
  }
  clock() {
    return { nowMs: this.simMs, simTimeMs: this.simMs };
  }
  podCount(): number {
    return 0;
  }
  action(): ReplyBody {
    this.actions++;
    return { kind: 'action', ok: true, command: '', output: [], running: false, commandKey: null };
  }
  query(): ReplyBody {
    return { kind: 'recorded', steps: [], files: {}, truncated: false };
  }
  dispose(): void {
    this.disposed = true;
  }
}
