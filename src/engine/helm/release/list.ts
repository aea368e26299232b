import type { HelmContext } from './context';
import { ReleaseStatus, type Release } from './release';

/** pkg/action/list.go: the newest revision of each release, filtered by state, sorted by name. */

export interface ListOptions {
  /** undefined: every namespace (`-A`). */
  readonly namespace: string | undefined;
  /** States to show; empty means Helm's default (deployed and failed). */
  readonly states: readonly ReleaseStatus[];
  readonly all: boolean;
  readonly filter?: RegExp;
  readonly byDate: boolean;
  readonly reverse: boolean;
  readonly max: number;
}

export const DEFAULT_LIST_STATES: readonly ReleaseStatus[] = [ReleaseStatus.Deployed, ReleaseStatus.Failed];

function latestOnly(rels: readonly Release[]): Release[] {
  const latest = new Map<string, Release>();
  for (const r of rels) {
    const key = `${r.name}\u0000${r.namespace}`;
    const prev = latest.get(key);
    if (!prev || r.version > prev.version) latest.set(key, r);
  }
  return [...latest.values()];
}

function byName(a: Release, b: Release): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}

export function listReleases(ctx: HelmContext, o: ListOptions): Release[] {
  const filter = o.filter;
  const found = ctx.storage.list(o.namespace).filter((r) => !filter || filter.test(r.name));
  const onlySuperseded = o.states.length === 1 && o.states[0] === ReleaseStatus.Superseded;
  const candidates = onlySuperseded ? found : latestOnly(found);
  const states = new Set(o.states.length > 0 ? o.states : DEFAULT_LIST_STATES);
  const shown = o.all ? candidates : candidates.filter((r) => states.has(r.info.status));
  shown.sort(o.byDate ? (a, b) => a.info.lastDeployed - b.info.lastDeployed || byName(a, b) : byName);
  if (o.reverse) shown.reverse();
  return shown.slice(0, o.max > 0 ? o.max : undefined);
}
