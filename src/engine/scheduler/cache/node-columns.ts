/** Flag bits in the Flags field. */
export const NodeFlag = {
  Unschedulable: 1,
  /** The node has a kubernetes.io/hostname label. */
  HasHostname: 2,
} as const;

/** Field offsets within a node's record; the ones every Filter reads come first. */
export const F = {
  Flags: 0,
  FilterTaintCount: 1,
  PreferNoScheduleTaintCount: 2,
  PodCount: 3,
  AllocatablePods: 4,
  AllocatableMilliCPU: 5,
  RequestedMilliCPU: 6,
  AllocatableMemory: 7,
  RequestedMemory: 8,
  NonZeroMilliCPU: 9,
  NonZeroMemory: 10,
  UsedPortCount: 11,
} as const;

/** Doubles per node record. */
export const STRIDE = 12;

/** How many recent record changes the columns remember (a power of two). */
export const CHANGE_LOG = 4096;

/**
 * The numbers Filter and Score read on hundreds of nodes per pod, one 96-byte record per
 * node in a single Float64Array. A cycle walking 500 nodes then touches one or two cache
 * lines per node instead of a dozen scattered objects and boxed doubles.
 */
export class NodeColumns {
  data: Float64Array;
  /** Record writes so far. */
  private changeCount = 0;
  /** Ring of the records written, by change number: changes[k & (CHANGE_LOG − 1)] is the k-th write's record. */
  readonly changes = new Int32Array(CHANGE_LOG);

  constructor(private capacity = 64) {
    this.data = new Float64Array(capacity * STRIDE);
  }

  /** Record writes so far (memos remember it and later forget only the records written since). */
  get changeStamp(): number {
    return this.changeCount;
  }

  /** How many records the columns hold room for. */
  get records(): number {
    return this.capacity;
  }

  /** Makes record `index` usable (the array grows by doubling) and zeroes it. */
  claim(index: number): void {
    if (index >= this.capacity) {
      let cap = this.capacity;
      while (cap <= index) cap *= 2;
      const grown = new Float64Array(cap * STRIDE);
      grown.set(this.data);
      this.data = grown;
      this.capacity = cap;
    }
    this.data.fill(0, index * STRIDE, (index + 1) * STRIDE);
    this.touch(index);
  }

  /** Notes a write to record `index`. */
  touch(index: number): void {
    this.changes[++this.changeCount & (CHANGE_LOG - 1)] = index;
  }
}

/**
 * Brings a per-record memo up to date: calls forget(record) for every record written
 * after change number `since`, or returns false when the ring no longer reaches back
 * that far (then the caller forgets everything).
 */
export function forgetChanged(cols: NodeColumns, since: number, forget: (record: number) => void): boolean {
  const now = cols.changeStamp;
  if (now - since > CHANGE_LOG || since > now) return false;
  for (let k = since + 1; k <= now; k++) forget(cols.changes[k & (CHANGE_LOG - 1)]!);
  return true;
}

/**
 * Where the records of a cycle's candidate nodes are: nodes[i]'s fields are at
 * data[records[i] × STRIDE + field], slots[i] is its slot. Score plugins walk these
 * instead of the NodeInfo objects.
 */
export interface ColumnView {
  readonly columns: NodeColumns;
  readonly data: Float64Array;
  readonly records: Int32Array;
  readonly slots: Int32Array;
}
