import type { FilterPlugin } from './interfaces';

/** A typed key into CycleState: one per plugin state kind (upstream StateKey). */
export class StateKey<T> {
  /** Phantom field carrying T, so read(key) is typed without the caller casting. */
  declare readonly phantom: T;
  constructor(readonly name: string) {}
}

/**
 * Per-cycle scratch space shared by the plugins of one scheduling attempt: PreFilter and
 * PreScore results, and which plugins asked to be skipped. Thrown away after the cycle.
 */
export class CycleState {
  private readonly data = new Map<StateKey<unknown>, unknown>();
  /** Filter plugins that run this cycle, in profile order (PreFilter Skip removes some). */
  filters: readonly FilterPlugin[] = [];
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();

  constructor(
    /** The user operation that led to this pod being scheduled (causality for requests). */
    readonly opId: number | undefined,
  ) {}

  write<T>(key: StateKey<T>, value: T): void {
    this.data.set(key, value);
  }

  read<T>(key: StateKey<T>): T | undefined {
    // Values are only ever written through write<T>(key: StateKey<T>), so the type holds.
    return this.data.get(key) as T | undefined;
  }

  /** A copy for what-if evaluation (preemption); plugin states are shared, not deep-copied. */
  clone(): CycleState {
    const c = new CycleState(this.opId);
    for (const [k, v] of this.data) c.data.set(k, v);
    c.filters = this.filters;
    for (const s of this.skipFilter) c.skipFilter.add(s);
    for (const s of this.skipScore) c.skipScore.add(s);
    return c;
  }
}
