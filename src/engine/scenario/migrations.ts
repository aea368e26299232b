/**
 * Scenario format versions. A document declares its `apiVersion`; older versions are
 * upgraded step by step to the current one before validation, so old files and links keep
 * working. Add a migration here when the format changes incompatibly.
 */

export const SCENARIO_API_VERSION = 'kube-sandbox.dev/v1';
export const SCENARIO_KIND = 'Scenario';

export interface Migration {
  /** The apiVersion this migration produces. */
  readonly to: string;
  /** Rewrites a raw document of the source version; must not mutate its input. */
  readonly migrate: (doc: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/** source apiVersion → migration to the next version. None yet: v1 is the first format. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {};

export type Migrated = { ok: true; doc: Record<string, unknown>; from: string } | { ok: false; message: string };

/** Upgrades `doc` (declaring `apiVersion`) to SCENARIO_API_VERSION. Bounded by the number of migrations. */
export function migrate(doc: Record<string, unknown>, apiVersion: string): Migrated {
  let current = doc;
  let version = apiVersion;
  for (let step = 0; step <= Object.keys(MIGRATIONS).length; step++) {
    if (version === SCENARIO_API_VERSION) return { ok: true, doc: current, from: apiVersion };
    const m = Object.prototype.hasOwnProperty.call(MIGRATIONS, version) ? MIGRATIONS[version] : undefined;
    if (!m) break;
    current = { ...m.migrate(current), apiVersion: m.to };
    version = m.to;
  }
  const known = [SCENARIO_API_VERSION, ...Object.keys(MIGRATIONS)].map((v) => JSON.stringify(v)).join(', ');
  return { ok: false, message: `unsupported version ${JSON.stringify(apiVersion)}; this build reads ${known}` };
}
