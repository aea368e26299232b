/**
 * Which hosts can talk to each other. A partition splits hosts into segments: every listed
 * group gets its own segment and every host not listed (the load balancer, the user's
 * kubectl, unnamed nodes) stays in the default segment. Hosts in different segments cannot
 * exchange packets in either direction; `heal()` joins everything again.
 */

/** Pseudo-host of the API server load balancer and of clients outside the cluster. */
export const OUTSIDE_HOST = '';

export class Network {
  private segmentOf = new Map<string, number>();
  /** Bumped on every change, so observers can tell that reachability may differ. */
  version = 0;

  get partitioned(): boolean {
    return this.segmentOf.size > 0;
  }

  connected(a: string, b: string): boolean {
    // Asked on every request: without a partition there is nothing to look up.
    if (this.segmentOf.size === 0) return true;
    return (this.segmentOf.get(a) ?? 0) === (this.segmentOf.get(b) ?? 0);
  }

  /**
   * Cuts the listed groups off from each other and from everything unlisted. Replaces any
   * earlier partition. Returns an error text for bad input and changes nothing then.
   */
  partition(groups: readonly (readonly string[])[]): string | undefined {
    const next = new Map<string, number>();
    let segment = 0;
    for (const group of groups) {
      if (group.length === 0) continue;
      segment++;
      for (const host of group) {
        if (host === OUTSIDE_HOST) return 'a partition group names an empty host';
        if (next.has(host)) return `host "${host}" is listed in more than one partition group`;
        next.set(host, segment);
      }
    }
    if (segment === 0) return 'a partition needs at least one host';
    this.segmentOf = next;
    this.version++;
    return undefined;
  }

  heal(): void {
    if (this.segmentOf.size === 0) return;
    this.segmentOf = new Map();
    this.version++;
  }

  /** The isolated groups, each sorted, in segment order (the default segment is implicit). */
  groups(): string[][] {
    const bySegment = new Map<number, string[]>();
    for (const [host, seg] of this.segmentOf) {
      const hosts = bySegment.get(seg) ?? [];
      hosts.push(host);
      bySegment.set(seg, hosts);
    }
    return [...bySegment.keys()].sort((a, b) => a - b).map((seg) => bySegment.get(seg)!.sort());
  }
}
