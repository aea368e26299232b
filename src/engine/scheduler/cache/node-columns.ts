/** Flag bits in the Flags field. */
export const NodeFlag = {
  Unschedulable: 1,
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

/**
 * The numbers Filter and Score read on hundreds of nodes per pod, one 96-byte record per
 * node in a single Float64Array. A cycle walking 500 nodes then touches one or two cache
 * lines per node instead of a dozen scattered objects and boxed doubles.
 */
export class NodeColumns {
  data: Float64Array;

  constructor(private capacity = 64) {
    this.data = new Float64Array(capacity * STRIDE);
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
  }
}
