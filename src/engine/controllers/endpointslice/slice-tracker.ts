import type { EndpointSlice } from '../../api/types';

const STALE_TTL_MS = 5 * 60_000;

/**
 * endpointSliceTracker: remembers the slices this controller wrote or deleted per Service,
 * so that a sync running on an informer cache that has not caught up yet is skipped rather
 * than creating a duplicate slice.
 */
export class SliceTracker {
  private readonly expected = new Map<string, { since: number; slices: Map<string, number | 'deleted'> }>();

  constructor(private readonly now: () => number) {}

  wrote(serviceKey: string, slice: EndpointSlice): void {
    this.entry(serviceKey).slices.set(slice.metadata.name, Number(slice.metadata.resourceVersion ?? '0'));
  }

  deleted(serviceKey: string, name: string): void {
    this.entry(serviceKey).slices.set(name, 'deleted');
  }

  /** True while the cache lacks something this controller wrote (and the TTL has not run out). */
  stale(serviceKey: string, cached: readonly EndpointSlice[]): boolean {
    const e = this.expected.get(serviceKey);
    if (!e) return false;
    if (this.now() - e.since > STALE_TTL_MS) {
      this.expected.delete(serviceKey);
      return false;
    }
    const byName = new Map(cached.map((s) => [s.metadata.name, s]));
    for (const [name, want] of e.slices) {
      const got = byName.get(name);
      if (want === 'deleted' ? got !== undefined : !got || Number(got.metadata.resourceVersion ?? '0') < want) return true;
    }
    this.expected.delete(serviceKey);
    return false;
  }

  forget(serviceKey: string): void {
    this.expected.delete(serviceKey);
  }

  private entry(serviceKey: string): { since: number; slices: Map<string, number | 'deleted'> } {
    let e = this.expected.get(serviceKey);
    if (!e) this.expected.set(serviceKey, (e = { since: this.now(), slices: new Map() }));
    return e;
  }
}
