/**
 * Link format versions. Every version shares the envelope (container.ts); what changes is the
 * JSON inside. A migration rewrites the raw JSON of one version into the next, so a link made
 * by an older build still opens. Add one here whenever LinkState changes incompatibly, and
 * bump LINK_VERSION.
 */
import type { Decoded } from './bytes';
import type { JsonValue } from './safe-json';
import { LINK_VERSION } from './state';

export interface LinkMigration {
  readonly from: number;
  readonly to: number;
  /**
   * Gets untrusted JSON (validated only for syntax, size and forbidden keys); may return
   * anything: the result is checked against the current schema afterwards.
   */
  readonly migrate: (raw: JsonValue) => JsonValue;
}

/** None yet: v1 is the first format. */
export const LINK_MIGRATIONS: readonly LinkMigration[] = [];

export function knownVersions(migrations: readonly LinkMigration[]): number[] {
  return [...new Set([LINK_VERSION, ...migrations.map((m) => m.from)])].sort((a, b) => a - b);
}

/** Upgrades `raw` from `version` to LINK_VERSION, one migration at a time (bounded). */
export function migrateLink(raw: JsonValue, version: number, migrations: readonly LinkMigration[]): Decoded<JsonValue> {
  let current = raw;
  let at = version;
  for (let step = 0; step <= migrations.length; step++) {
    if (at === LINK_VERSION) return { ok: true, value: current };
    const m = migrations.find((mig) => mig.from === at);
    if (!m) break;
    try {
      current = m.migrate(current);
    } catch (e) {
      return { ok: false, error: `could not upgrade a v${at} link: ${e instanceof Error ? e.message : String(e)}` };
    }
    at = m.to;
  }
  return { ok: false, error: `no upgrade path from link version v${version} to v${LINK_VERSION}` };
}
