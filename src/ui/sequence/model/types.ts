import type { InteractionKindName } from '../../../protocol';

/** One of the five sections of an operation (the OpenTelemetry guide's phases). */
export const PHASES = ['command', 'render', 'store', 'schedule', 'start'] as const;
export type PhaseId = (typeof PHASES)[number];

export const phaseRank = (p: PhaseId): number => PHASES.indexOf(p);

/** `call` ->>, `reply` -->>, `notify` -) (a watch event), `self` on one lane. */
export type Arrow = 'call' | 'reply' | 'notify' | 'self';

/** One message derived from one record. */
export interface Step {
  readonly seq: number;
  readonly tMs: number;
  readonly kind: InteractionKindName;
  /** Participant keys. */
  readonly from: string;
  readonly to: string;
  readonly arrow: Arrow;
  readonly text: string;
  readonly caption: string;
  /** Steps with equal keys say the same thing about different objects and may fold. */
  readonly key: string;
  /** Folded text and caption: `{n}` is the count, `{nodes}` the nodes involved. */
  readonly many: string;
  readonly manyCaption: string;
  /**
   * Reads of different objects in a row (Helm checking or waiting for its objects) fold
   * together under this key; `{objects}` in the forms is "9 objects" / "9 objects in 42 requests".
   */
  readonly family?: { readonly key: string; readonly many: string; readonly caption: string };
  /** The object it is about (`Pod default/web-…`), when there is one. */
  readonly ref?: string;
  /** The node a step concerns (kubelet and runtime work, binds). */
  readonly node?: string;
  /** The phase this step shows the operation has reached, if it says anything about that. */
  readonly phase?: PhaseId;
}

/** A request with the etcd transactions and answer that belong to it, or one lone step. */
export interface Block {
  readonly steps: readonly Step[];
  readonly key: string;
  /** Exact texts: blocks that repeat word for word fold sooner. */
  readonly exact: string;
  /** Set when every step has a family: runs of such blocks fold together. */
  readonly family?: string;
}

/** A block, or several blocks folded into one (count = blocks.length). */
export interface Entry {
  readonly id: string;
  readonly blocks: readonly Block[];
}

export interface Window {
  readonly phase: PhaseId;
  readonly label: string;
  readonly entries: readonly Entry[];
  /** Kubernetes Event writes made in this window (drawn as one note). */
  readonly events: number;
}

export type Flavor = 'kubectl' | 'helm' | 'sandbox' | 'other';
