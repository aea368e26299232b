import type { ApiServer } from '../../api/apiserver';
import type { RequestContext } from '../../api/hooks';
import type { Secret } from '../../api/types';
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from '../template/encoding';
import { decodeRelease, encodeRelease } from './codec';
import { unixSeconds } from './gotime';
import { ReleaseStatus, type Release } from './release';

/**
 * Helm's Secrets storage driver (pkg/storage/driver/secrets.go) and the Storage wrapper
 * above it (pkg/storage/storage.go): one Secret per revision, named
 * `sh.helm.release.v1.<name>.v<revision>`, labelled so that history is a label query.
 */

export const RELEASE_SECRET_TYPE = 'helm.sh/release.v1';
export const ERR_RELEASE_NOT_FOUND = 'release: not found';

export function releaseKey(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

export const noDeployedReleases = (name: string): string => `${JSON.stringify(name)} has no deployed releases`;

export type StorageResult = { ok: true } | { ok: false; error: string };

/**
 * Stored objects are immutable and shared, so a Secret decodes to the same release every
 * time: decode once (inflating is the costly part of `helm list`), hand out copies of the
 * parts actions change (status, hook runs); chart, values and manifest are never mutated.
 */
const decoded = new WeakMap<Secret, Release>();

function workingCopy(rel: Release): Release {
  return { ...rel, info: { ...rel.info }, hooks: rel.hooks.map((h) => ({ ...h, lastRun: { ...h.lastRun } })) };
}

function byRevision(a: Release, b: Release): number {
  return a.version - b.version;
}

export class ReleaseStorage {
  constructor(
    private readonly api: ApiServer,
    private readonly req: RequestContext,
    private readonly now: () => number,
  ) {}

  private secret(rel: Release, stamp: 'createdAt' | 'modifiedAt'): Secret {
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: releaseKey(rel.name, rel.version),
        namespace: rel.namespace,
        labels: { [stamp]: String(unixSeconds(this.now())), name: rel.name, owner: 'helm', status: rel.info.status, version: String(rel.version) },
      },
      type: RELEASE_SECRET_TYPE,
      // Kubernetes serializes Secret data as base64 of the bytes, and Helm's bytes are already base64.
      data: { release: base64Encode(utf8Encode(encodeRelease(rel))) },
    };
  }

  private decode(s: Secret): Release | undefined {
    const cached = decoded.get(s);
    if (cached) return workingCopy(cached);
    const raw = s.data?.['release'];
    if (typeof raw !== 'string') return undefined;
    const inner = base64Decode(raw);
    const rel = inner.ok ? decodeRelease(utf8Decode(inner.bytes)) : undefined;
    if (rel) decoded.set(s, rel);
    return rel ? workingCopy(rel) : undefined;
  }

  /** Releases whose Secrets match the labels, in `namespace` (every namespace when undefined); undecodable ones are skipped as Helm does. */
  query(namespace: string | undefined, labels: Record<string, string>): { ok: true; releases: Release[] } | { ok: false; error: string } {
    const res = this.api.list<Secret>(this.req, 'secrets', { namespace, labelSelector: { matchLabels: { ...labels, owner: 'helm' } } });
    if (!res.ok) return { ok: false, error: `list: failed to list: ${res.status.message}` };
    const releases: Release[] = [];
    for (const s of res.value.items) {
      const rel = this.decode(s);
      if (rel) releases.push(rel);
    }
    return { ok: true, releases };
  }

  /** Every release of every name (`helm list`). */
  list(namespace: string | undefined): Release[] {
    const r = this.query(namespace, {});
    return r.ok ? r.releases : [];
  }

  /** All revisions of a release, oldest first. */
  history(name: string, namespace: string): Release[] {
    const r = this.query(namespace, { name });
    return r.ok ? r.releases.sort(byRevision) : [];
  }

  last(name: string, namespace: string): Release | undefined {
    return this.history(name, namespace).at(-1);
  }

  get(name: string, namespace: string, version: number): Release | undefined {
    const res = this.api.get<Secret>(this.req, 'secrets', namespace, releaseKey(name, version));
    return res.ok ? this.decode(res.value) : undefined;
  }

  /** Every revision labelled deployed, newest first. */
  deployedAll(name: string, namespace: string): Release[] {
    const r = this.query(namespace, { name, status: ReleaseStatus.Deployed });
    return r.ok ? r.releases.sort(byRevision).reverse() : [];
  }

  deployed(name: string, namespace: string): Release | undefined {
    return this.deployedAll(name, namespace)[0];
  }

  /** Stores a new revision, first pruning history to `maxHistory - 1` when a limit is set. */
  create(rel: Release, maxHistory = 0): StorageResult {
    if (maxHistory > 0) this.removeLeastRecent(rel.name, rel.namespace, maxHistory - 1);
    const res = this.api.create(this.req, 'secrets', rel.namespace, this.secret(rel, 'createdAt'));
    if (res.ok) return { ok: true };
    if (res.status.reason === 'AlreadyExists') return { ok: false, error: 'release: already exists' };
    return { ok: false, error: `create: failed to create: ${res.status.message}` };
  }

  update(rel: Release): StorageResult {
    const res = this.api.update(this.req, 'secrets', this.secret(rel, 'modifiedAt'));
    return res.ok ? { ok: true } : { ok: false, error: `update: failed to update: ${res.status.message}` };
  }

  delete(name: string, namespace: string, version: number): StorageResult {
    const res = this.api.delete(this.req, 'secrets', namespace, releaseKey(name, version));
    return res.ok ? { ok: true } : { ok: false, error: `delete: failed to delete release: ${releaseKey(name, version)}: ${res.status.message}` };
  }

  /** storage.removeLeastRecent: drop the oldest revisions (never the deployed one) until at most `max` remain. */
  removeLeastRecent(name: string, namespace: string, max: number): void {
    if (max < 0) return;
    const h = this.history(name, namespace);
    if (h.length <= max) return;
    const lastDeployed = this.deployed(name, namespace);
    const toDelete: Release[] = [];
    for (const rel of h) {
      if (h.length - toDelete.length === max) break;
      if (!lastDeployed || rel.version !== lastDeployed.version) toDelete.push(rel);
    }
    for (const rel of toDelete) this.delete(name, namespace, rel.version);
  }
}
