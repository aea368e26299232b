/**
 * A binary heap of keyed items with O(log n) push / pop / remove / update by key
 * (upstream's queue heap keyed by pod name).
 */
export interface HeapItem {
  /** Position in the heap holding the item (an item is in at most one heap at a time). */
  heapIndex: number;
}

export class KeyedHeap<T extends HeapItem> {
  private readonly items: T[] = [];
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds the item, or replaces and re-positions the item with the same key. */
  push(item: T): void {
    const key = this.keyOf(item);
    const old = this.byKey.get(key);
    if (old !== undefined) {
      const at = old.heapIndex;
      item.heapIndex = at;
      this.items[at] = item;
      this.byKey.set(key, item);
      this.fix(at);
      return;
    }
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.byKey.set(key, item);
    this.up(item.heapIndex);
  }

  pop(): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.removeAt(0);
  }

  remove(key: string): T | undefined {
    const item = this.byKey.get(key);
    return item === undefined ? undefined : this.removeAt(item.heapIndex);
  }

  /** Items in heap order (not sorted); for iteration that does not depend on order. */
  values(): readonly T[] {
    return this.items;
  }

  private removeAt(i: number): T {
    const items = this.items;
    const item = items[i]!;
    const last = items.pop()!;
    this.byKey.delete(this.keyOf(item));
    if (i < items.length) {
      items[i] = last;
      last.heapIndex = i;
      this.fix(i);
    }
    return item;
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    const a = items[i]!;
    const b = items[j]!;
    items[i] = b;
    items[j] = a;
    b.heapIndex = i;
    a.heapIndex = j;
  }

  private up(i: number): boolean {
    const start = i;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.items[i]!, this.items[p]!)) break;
      this.swap(i, p);
      i = p;
    }
    return i !== start;
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.items[l]!, this.items[m]!)) m = l;
      if (r < n && this.less(this.items[r]!, this.items[m]!)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
