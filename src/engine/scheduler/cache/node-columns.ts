/** Flag bits in NodeColumns.flags. */
export const NodeFlag = {
  Unschedulable: 1,
} as const;

/**
 * The numbers Filter and Score read on hundreds of nodes per pod, as dense typed arrays
 * indexed by node (struct of arrays). A cycle walking 500 nodes then touches a few
 * contiguous arrays instead of 500 scattered objects and their boxed doubles.
 */
export class NodeColumns {
  allocatableMilliCPU: Float64Array;
  allocatableMemory: Float64Array;
  allocatablePods: Float64Array;
  requestedMilliCPU: Float64Array;
  requestedMemory: Float64Array;
  nonZeroMilliCPU: Float64Array;
  nonZeroMemory: Float64Array;
  podCount: Int32Array;
  filterTaintCount: Int32Array;
  preferNoScheduleTaintCount: Int32Array;
  usedPortCount: Int32Array;
  flags: Uint8Array;

  constructor(private capacity = 64) {
    this.allocatableMilliCPU = new Float64Array(capacity);
    this.allocatableMemory = new Float64Array(capacity);
    this.allocatablePods = new Float64Array(capacity);
    this.requestedMilliCPU = new Float64Array(capacity);
    this.requestedMemory = new Float64Array(capacity);
    this.nonZeroMilliCPU = new Float64Array(capacity);
    this.nonZeroMemory = new Float64Array(capacity);
    this.podCount = new Int32Array(capacity);
    this.filterTaintCount = new Int32Array(capacity);
    this.preferNoScheduleTaintCount = new Int32Array(capacity);
    this.usedPortCount = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** Makes index usable (arrays grow by doubling) and zeroes it. */
  claim(index: number): void {
    if (index >= this.capacity) this.grow(index);
    this.allocatableMilliCPU[index] = 0;
    this.allocatableMemory[index] = 0;
    this.allocatablePods[index] = 0;
    this.requestedMilliCPU[index] = 0;
    this.requestedMemory[index] = 0;
    this.nonZeroMilliCPU[index] = 0;
    this.nonZeroMemory[index] = 0;
    this.podCount[index] = 0;
    this.filterTaintCount[index] = 0;
    this.preferNoScheduleTaintCount[index] = 0;
    this.usedPortCount[index] = 0;
    this.flags[index] = 0;
  }

  private grow(index: number): void {
    let cap = this.capacity;
    while (cap <= index) cap *= 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.allocatableMilliCPU = f64(this.allocatableMilliCPU);
    this.allocatableMemory = f64(this.allocatableMemory);
    this.allocatablePods = f64(this.allocatablePods);
    this.requestedMilliCPU = f64(this.requestedMilliCPU);
    this.requestedMemory = f64(this.requestedMemory);
    this.nonZeroMilliCPU = f64(this.nonZeroMilliCPU);
    this.nonZeroMemory = f64(this.nonZeroMemory);
    this.podCount = i32(this.podCount);
    this.filterTaintCount = i32(this.filterTaintCount);
    this.preferNoScheduleTaintCount = i32(this.preferNoScheduleTaintCount);
    this.usedPortCount = i32(this.usedPortCount);
    const flags = new Uint8Array(cap);
    flags.set(this.flags);
    this.flags = flags;
    this.capacity = cap;
  }
}
