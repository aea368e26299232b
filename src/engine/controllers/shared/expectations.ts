/** How long unmet expectations block a controller before it assumes a watch event was lost. */
export const EXPECTATIONS_TTL_MS = 5 * 60_000;

interface Expectation {
  adds: number;
  /** Keys of objects whose deletion we wait to observe (UIDTrackingControllerExpectations). */
  deletes: Set<string>;
  setAtMs: number;
}

/**
 * controller.ControllerExpectations: after creating or deleting objects, a controller waits
 * until its informer has seen those changes before acting again, so a stale cache never
 * makes it create the same replica twice.
 */
export class Expectations {
  private readonly items = new Map<string, Expectation>();

  constructor(private readonly now: () => number) {}

  satisfied(key: string): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.now() - e.setAtMs > EXPECTATIONS_TTL_MS;
  }

  /** SetExpectations: replaces whatever was expected for `key`. */
  expect(key: string, creations: number, deletionKeys: readonly string[]): void {
    this.items.set(key, { adds: creations, deletes: new Set(deletionKeys), setAtMs: this.now() });
  }

  /** Adds to what is still expected (several writes in one pass), or starts afresh. */
  raise(key: string, creations: number, deletionKeys: readonly string[]): void {
    const e = this.items.get(key);
    if (!e || this.satisfied(key)) return this.expect(key, creations, deletionKeys);
    e.adds += creations;
    for (const k of deletionKeys) e.deletes.add(k);
  }

  expectCreations(key: string, count: number): void {
    this.expect(key, count, []);
  }

  expectDeletions(key: string, objectKeys: readonly string[]): void {
    this.expect(key, 0, objectKeys);
  }

  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e && e.adds > 0) e.adds--;
  }

  deletionObserved(key: string, objectKey: string): void {
    this.items.get(key)?.deletes.delete(objectKey);
  }

  forget(key: string): void {
    this.items.delete(key);
  }
}
