import type { Node } from '../../api/types';

export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
const LABEL_ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';
const LABEL_REGION_BETA = 'failure-domain.beta.kubernetes.io/region';

/** upstream utilnode.GetZoneKey: region and zone joined; empty when the node has neither. */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  const region = l[LABEL_REGION] ?? l[LABEL_REGION_BETA] ?? '';
  const zone = l[LABEL_ZONE] ?? l[LABEL_ZONE_BETA] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

/**
 * Node names grouped by zone, listed round-robin across zones (upstream nodeTree), so that
 * examining only a share of the nodes still spreads pods over every zone.
 */
export class NodeTree {
  private readonly zones = new Map<string, string[]>();
  private readonly zoneOf = new Map<string, string>();
  private cached: string[] | undefined;

  get size(): number {
    return this.zoneOf.size;
  }

  add(node: Node): void {
    const name = node.metadata.name;
    const zone = zoneKey(node);
    const prev = this.zoneOf.get(name);
    if (prev === zone) return;
    if (prev !== undefined) this.remove(name);
    let list = this.zones.get(zone);
    if (!list) this.zones.set(zone, (list = []));
    list.push(name);
    this.zoneOf.set(name, zone);
    this.cached = undefined;
  }

  remove(name: string): void {
    const zone = this.zoneOf.get(name);
    if (zone === undefined) return;
    const list = this.zones.get(zone)!;
    list.splice(list.indexOf(name), 1);
    if (list.length === 0) this.zones.delete(zone);
    this.zoneOf.delete(name);
    this.cached = undefined;
  }

  /** Names interleaved across zones; rebuilt only after a node was added, moved or removed. */
  list(): readonly string[] {
    if (this.cached) return this.cached;
    const out: string[] = [];
    const lists = [...this.zones.values()];
    const longest = lists.reduce((m, l) => Math.max(m, l.length), 0);
    for (let i = 0; i < longest; i++) {
      for (const l of lists) if (i < l.length) out.push(l[i]!);
    }
    this.cached = out;
    return out;
  }
}
