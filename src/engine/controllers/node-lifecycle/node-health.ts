import type { Condition, Lease, Node, NodeStatus } from '../../api/types';
import { parseTimestamp, rfc3339 } from '../../sim/time';
import { deepEqual } from '../../util/clone';

/**
 * tryUpdateNodeHealth (node_lifecycle_controller.go), as a pure function: track when the
 * node was last heard of (Ready heartbeat or Lease renewal, timed by this controller's own
 * clock) and, once the grace period is over, rewrite its conditions to Unknown.
 */

/** --node-monitor-grace-period (50 s since v1.32) and --node-startup-grace-period. */
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_STARTUP_GRACE_MS = 60_000;

const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export interface NodeHealth {
  readonly probeTimestampMs: number;
  readonly readyTransitionTimestampMs: number;
  /** The node status as last seen (its Ready condition is compared with the next one). */
  readonly status: NodeStatus | undefined;
  readonly leaseRenewMs: number | undefined;
  /** The renewTime string leaseRenewMs was parsed from (skips re-parsing an unchanged lease). */
  readonly leaseRenewTime?: string;
}

export interface HealthUpdate {
  readonly health: NodeHealth;
  /** Ready as it was before this pass (a stand-in when the kubelet never posted one). */
  readonly observedReady: Condition;
  /** Ready after this pass. */
  readonly currentReady: Condition | undefined;
  /** Conditions to write with a status update, when the grace period ran out. */
  readonly conditions?: Condition[];
}

function ready(status: NodeStatus | undefined): Condition | undefined {
  return status?.conditions?.find((c) => c.type === 'Ready');
}

function rebase(node: Node, saved: NodeHealth | undefined, current: Condition | undefined, nowMs: number): NodeHealth {
  // Stored objects are immutable: the same status object means nothing was posted since.
  if (saved && saved.status === node.status) return saved;
  const fresh = (probe: number, transition: number): NodeHealth => ({ probeTimestampMs: probe, readyTransitionTimestampMs: transition, status: node.status, leaseRenewMs: saved?.leaseRenewMs, leaseRenewTime: saved?.leaseRenewTime });
  if (!current) {
    if (saved) return { ...saved, status: node.status };
    const created = parseTimestamp(node.metadata.creationTimestamp) ?? nowMs;
    return fresh(created, created);
  }
  const savedReady = ready(saved?.status);
  if (!saved || !savedReady) return fresh(nowMs, nowMs);
  if (savedReady.lastHeartbeatTime !== current.lastHeartbeatTime) {
    const transition = savedReady.lastTransitionTime !== current.lastTransitionTime ? nowMs : saved.readyTransitionTimestampMs;
    return fresh(nowMs, transition);
  }
  return saved;
}

/** Conditions rewritten to Unknown (those never posted get NodeStatusNeverUpdated). */
export function unknownConditions(node: Node, now: string): Condition[] {
  const out = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  for (const type of MONITORED_CONDITIONS) {
    const cur = out.find((c) => c.type === type);
    if (!cur) {
      out.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: now });
    } else if (cur.status !== 'Unknown') {
      Object.assign(cur, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now });
    }
  }
  return out;
}

export function tryUpdateNodeHealth(node: Node, saved: NodeHealth | undefined, lease: Lease | undefined, nowMs: number): HealthUpdate {
  const current = ready(node.status);
  const created = node.metadata.creationTimestamp;
  // Stored objects are immutable: the condition itself stands for "as it was" (no copy every 5 s per node).
  const observedReady: Condition = current ?? { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
  const graceMs = current ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
  let health = rebase(node, saved, current, nowMs);
  const renewTime = lease?.spec.renewTime;
  if (renewTime !== undefined && renewTime !== health.leaseRenewTime) {
    const renew = parseTimestamp(renewTime);
    if (renew !== undefined && (health.leaseRenewMs === undefined || health.leaseRenewMs < renew)) {
      health = { ...health, leaseRenewMs: renew, leaseRenewTime: renewTime, probeTimestampMs: nowMs };
    }
  }
  // Ticks land exactly on the grace boundary in simulated time; real ones run a little late,
  // so the boundary counts as expired (Unknown ≈ last heartbeat + 50 s, not + 55 s).
  if (nowMs < health.probeTimestampMs + graceMs) return { health, observedReady, currentReady: current };
  const conditions = unknownConditions(node, rfc3339(nowMs));
  const newReady = conditions.find((c) => c.type === 'Ready');
  if (deepEqual(newReady, observedReady)) return { health, observedReady, currentReady: current };
  return {
    health: { ...health, status: { ...node.status, conditions }, readyTransitionTimestampMs: nowMs },
    observedReady,
    currentReady: newReady,
    conditions,
  };
}
