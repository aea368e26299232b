/**
 * The scheduling framework's Status: an ordered code plus the reasons a plugin gives.
 * `null` stands for Success on the hot path (as a nil *Status does upstream), so the
 * per-node Filter loop allocates nothing for nodes that fit.
 */

/** Ordered as upstream's fwk.Code; comparisons like `code >= Unschedulable` rely on it. */
export const Code = {
  Success: 0,
  Error: 1,
  Unschedulable: 2,
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  Skip: 5,
  Pending: 6,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

const CODE_NAMES: Record<Code, string> = {
  0: 'Success',
  1: 'Error',
  2: 'Unschedulable',
  3: 'UnschedulableAndUnresolvable',
  4: 'Wait',
  5: 'Skip',
  6: 'Pending',
};

export function codeName(code: Code): string {
  return CODE_NAMES[code];
}

export class Status {
  /** The plugin that produced this status; set by the framework when it runs the plugin. */
  plugin = '';

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  /** Reasons joined as upstream's Status.Message(). */
  message(): string {
    return this.reasons.join(', ');
  }

  /** Unschedulable or UnschedulableAndUnresolvable: the pod may not go to this node. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }

  withPlugin(plugin: string): this {
    this.plugin = plugin;
    return this;
  }
}

/** Success is represented by null; anything else is a Status. */
export type Result = Status | null;

export function isSuccess(s: Result): s is null {
  return s === null || s.code === Code.Success;
}

export function unschedulable(...reasons: string[]): Status {
  return new Status(Code.Unschedulable, reasons);
}

export function unresolvable(...reasons: string[]): Status {
  return new Status(Code.UnschedulableAndUnresolvable, reasons);
}

export function asError(message: string): Status {
  return new Status(Code.Error, [message]);
}

/** A shared Skip status: plugins return it from PreFilter / PreScore when they have nothing to do. */
export const SKIP = new Status(Code.Skip);
