import { useMemo } from 'react';
import { create } from 'zustand';
import type { ScenarioInfo } from '../../protocol/messages';
import type { Clock, CommandRecord, EventRecord, FlowRecord, NodeRecord, PodRecord } from '../../protocol/records';
import { Mirror } from './mirror';
import { UNSCHEDULED } from './pod-lists';
import type { Delivery } from './sequencer';

export type Connection = 'connecting' | 'live' | 'stalled' | 'crashed';

/** Edge glows restart at most this often: more would only repaint the canvas, not inform. */
export const FLOW_REFRESH_MS = 500;

export interface MirrorState {
  connection: Connection;
  error: string | null;
  scenario: ScenarioInfo | null;
  clock: Clock;
  /** performance.now() when `clock` arrived (countdowns interpolate between frames). */
  clockWall: number;
  /** Live map owned by the mirror, updated in place; node records inside are replaced on change. */
  nodeByName: ReadonlyMap<string, NodeRecord>;
  /** Live, and the pods inside too: read through usePodsOn / usePod, or watch podsVersion. */
  podsByNode: ReadonlyMap<string, readonly PodRecord[]>;
  workerNames: string[];
  controlPlaneNames: string[];
  events: EventRecord[];
  commands: CommandRecord[];
  /** A new wrapper when flows changed, at most every FLOW_REFRESH_MS (the map inside is live). */
  flows: { map: ReadonlyMap<string, FlowRecord> };
  mirror: Mirror;
}

const INITIAL_CLOCK: Clock = { nowMs: 0, simTimeMs: 0, speed: 10, paused: false };

function initial(): MirrorState {
  const mirror = new Mirror();
  return {
    connection: 'connecting', error: null, scenario: null, clock: INITIAL_CLOCK, clockWall: 0,
    nodeByName: mirror.nodeByName, podsByNode: mirror.podsByNode, workerNames: [], controlPlaneNames: [],
    events: [], commands: [], flows: { map: mirror.data.flows }, mirror,
  };
}

export const useMirror = create<MirrorState>()(() => initial());

/** Mirror revision of flows last published, and when. */
let flowsPublished = { rev: -1, wall: -Infinity };

function mark(name: string): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName?.(name).length === 0) performance.mark?.(name);
}

/**
 * Applies ordered deliveries; returns false when the result is inconsistent (resync).
 * Only fields whose content changed get a new identity, so selectors stay quiet otherwise.
 */
export function applyDeliveries(msgs: readonly Delivery[], wallNow: number): boolean {
  if (msgs.length === 0) return true;
  const { mirror } = useMirror.getState();
  let ok = true;
  let scenario: ScenarioInfo | undefined;
  let reset = false;
  for (const m of msgs) {
    if (m.type === 'snapshot') {
      // Timeline mark for the L2 benchmark (first snapshot only).
      mark('snapshot-received');
      mirror.reset(m.records);
      scenario = m.scenario;
      reset = true;
    } else ok = mirror.apply(m.changes) && ok;
  }
  const last = msgs[msgs.length - 1]!;
  const flowsDue = mirror.revs.flows !== flowsPublished.rev && (reset || wallNow - flowsPublished.wall >= FLOW_REFRESH_MS);
  if (flowsDue) flowsPublished = { rev: mirror.revs.flows, wall: wallNow };
  useMirror.setState((s) => ({
    connection: 'live',
    error: null,
    scenario: scenario ?? s.scenario,
    clock: last.clock,
    clockWall: wallNow,
    workerNames: mirror.workerNames,
    controlPlaneNames: mirror.controlPlaneNames,
    events: mirror.events,
    commands: mirror.commands,
    flows: flowsDue || s.flows.map !== mirror.data.flows ? { map: mirror.data.flows } : s.flows,
  }));
  mark('snapshot-applied');
  return ok;
}

export function setConnection(connection: Connection, error: string | null = null): void {
  useMirror.setState({ connection, error });
}

/** A fresh, empty mirror (worker restarted). */
export function resetMirror(): void {
  flowsPublished = { rev: -1, wall: -Infinity };
  useMirror.setState(initial());
}

// ------------------------------------------------------------ module-level selectors

export const selectClock = (s: MirrorState): Clock => s.clock;
export const selectConnection = (s: MirrorState): Connection => s.connection;
export const selectWorkerNames = (s: MirrorState): string[] => s.workerNames;
export const selectControlPlaneNames = (s: MirrorState): string[] => s.controlPlaneNames;
export const selectEvents = (s: MirrorState): EventRecord[] => s.events;
export const selectCommands = (s: MirrorState): CommandRecord[] => s.commands;
export const selectPendingCount = (s: MirrorState): number => s.mirror.pendingPods.length;
export const selectNowMs = (s: MirrorState): number => s.clock.nowMs;

const nodeSelectors = new Map<string, (s: MirrorState) => NodeRecord | undefined>();
const podsVersionSelectors = new Map<string, (s: MirrorState) => number>();
const podVersionSelectors = new Map<string, (s: MirrorState) => number>();
const commandSelectors = new Map<string, (s: MirrorState) => CommandRecord | undefined>();

/** Stable per-name selector (module-level cache, so components pass the same function each render). */
export function selectNode(name: string): (s: MirrorState) => NodeRecord | undefined {
  let sel = nodeSelectors.get(name);
  if (!sel) nodeSelectors.set(name, (sel = (s) => s.nodeByName.get(name)));
  return sel;
}

/** Changes whenever a pod on node `name` came, went or changed. */
export function selectPodsVersion(name: string): (s: MirrorState) => number {
  let sel = podsVersionSelectors.get(name);
  if (!sel) podsVersionSelectors.set(name, (sel = (s) => s.mirror.podsVersion(name)));
  return sel;
}

function selectPodVersion(key: string): (s: MirrorState) => number {
  let sel = podVersionSelectors.get(key);
  if (!sel) podVersionSelectors.set(key, (sel = (s) => s.mirror.podVersion(key)));
  return sel;
}

/**
 * A node's pods (UNSCHEDULED: the pending ones) as an immutable snapshot, taken again when
 * any of them changed. The mirror updates pods in place; components get copies, so memoized
 * children and effects see ordinary new identities. Cheap where it is used: small clusters,
 * the inspector, and the visible nodes of a large one when zoomed in.
 */
export function usePodsOn(name: string): readonly PodRecord[] {
  const version = useMirror(selectPodsVersion(name));
  return useMemo(() => {
    void version; // what changed; the data itself is read live
    return (useMirror.getState().podsByNode.get(name) ?? []).map((p) => ({ ...p }));
  }, [name, version]);
}

export function usePendingPods(): readonly PodRecord[] {
  return usePodsOn(UNSCHEDULED);
}

/** One pod (a snapshot), updated when it changes; undefined once it is gone. */
export function usePod(key: string): PodRecord | undefined {
  const version = useMirror(selectPodVersion(key));
  return useMemo(() => {
    void version; // what changed; the data itself is read live
    const p = useMirror.getState().mirror.data.pods.get(key);
    return p ? { ...p } : undefined;
  }, [key, version]);
}

export function selectCommand(key: string): (s: MirrorState) => CommandRecord | undefined {
  let sel = commandSelectors.get(key);
  if (!sel) commandSelectors.set(key, (sel = (s) => s.mirror.data.commands.get(key)));
  return sel;
}
