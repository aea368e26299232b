import type { Chart, ChartMetadata } from '../chart';
import type { HelmHook, HookEvent } from '../manifests';
import type { GoMap } from '../template/value';

/**
 * A Helm release revision (pkg/release): what the chart was, which values the user gave,
 * the rendered manifest and hooks, and where the revision stands. Times are simulated ms.
 * Release objects are the installer's own working copies, decoded fresh from storage.
 */

export const ReleaseStatus = {
  Unknown: 'unknown',
  Deployed: 'deployed',
  Uninstalled: 'uninstalled',
  Superseded: 'superseded',
  Failed: 'failed',
  Uninstalling: 'uninstalling',
  PendingInstall: 'pending-install',
  PendingUpgrade: 'pending-upgrade',
  PendingRollback: 'pending-rollback',
} as const;
export type ReleaseStatus = (typeof ReleaseStatus)[keyof typeof ReleaseStatus];

export const RELEASE_STATUSES: readonly ReleaseStatus[] = Object.values(ReleaseStatus);

export function isPending(s: ReleaseStatus): boolean {
  return s === ReleaseStatus.PendingInstall || s === ReleaseStatus.PendingUpgrade || s === ReleaseStatus.PendingRollback;
}

export type HookPhase = 'Unknown' | 'Running' | 'Succeeded' | 'Failed';

export interface HookExecution {
  startedAt?: number;
  completedAt?: number;
  phase?: HookPhase;
}

export interface ReleaseHook {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly manifest: string;
  readonly events: readonly HookEvent[];
  readonly weight: number;
  deletePolicies: readonly string[];
  lastRun: HookExecution;
}

export interface ChartFileData {
  readonly name: string;
  readonly data: string;
}

/** The chart as a release keeps it (Helm stores the whole chart in every revision). */
export interface ReleaseChart {
  readonly metadata: ChartMetadata;
  readonly templates: readonly ChartFileData[];
  readonly values: GoMap;
  readonly files: readonly ChartFileData[];
}

export interface ReleaseInfo {
  firstDeployed: number;
  lastDeployed: number;
  deleted?: number;
  description: string;
  status: ReleaseStatus;
  notes: string;
}

export interface Release {
  readonly name: string;
  readonly namespace: string;
  readonly version: number;
  info: ReleaseInfo;
  readonly chart: ReleaseChart;
  /** User-supplied values (`helm get values`). */
  readonly config: GoMap;
  readonly manifest: string;
  readonly hooks: ReleaseHook[];
}

export function setStatus(rel: Release, status: ReleaseStatus, description: string): void {
  rel.info.status = status;
  rel.info.description = description;
}

export function releaseChart(chart: Chart): ReleaseChart {
  return { metadata: chart.metadata, templates: chart.templates, values: chart.values, files: chart.files };
}

export function releaseHooks(hooks: readonly HelmHook[]): ReleaseHook[] {
  return hooks.map((h) => ({
    name: h.name,
    kind: h.kind,
    path: h.path,
    manifest: h.manifest,
    events: h.events,
    weight: h.weight,
    deletePolicies: h.deletePolicies,
    lastRun: {},
  }));
}

/** `<chart>-<version>`, the CHART column. */
export function chartName(rel: Release): string {
  return `${rel.chart.metadata.name}-${rel.chart.metadata.version}`;
}

export function appVersion(rel: Release): string {
  return rel.chart.metadata.appVersion ?? '';
}
