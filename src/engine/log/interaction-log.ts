import { fnv32a } from '../util/clone';

/**
 * Every API request, etcd write, watch delivery, scheduling cycle, kubelet action and
 * Helm phase, with simulated time, source, target and the user operation that caused it.
 * The sequence panel and the canvas edges are drawn from these records. Memory is
 * bounded by a ring buffer; the running hash covers every record ever appended.
 */

export const InteractionKind = {
  Request: 'request',
  Response: 'response',
  EtcdWrite: 'etcd',
  Watch: 'watch',
  Schedule: 'schedule',
  Bind: 'bind',
  Kubelet: 'kubelet',
  Runtime: 'runtime',
  Heartbeat: 'heartbeat',
  Election: 'election',
  Helm: 'helm',
  Sandbox: 'sandbox',
  Traffic: 'traffic',
} as const;
export type InteractionKind = (typeof InteractionKind)[keyof typeof InteractionKind];

export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface Interaction {
  readonly seq: number;
  readonly tMs: number;
  readonly kind: InteractionKind;
  /** Component ids: `apiserver`, `etcd`, `scheduler`, `kcm/deployment-controller`, `kubelet/worker-1`, `runtime/worker-1`, `user/kubectl`. */
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly opId?: number;
  readonly code?: number;
  readonly ref?: ObjectRef;
  /** Helm phase or other grouping, for the sequence panel's sections. */
  readonly phase?: string;
}

export type InteractionInput = Omit<Interaction, 'seq' | 'tMs'>;

export interface Operation {
  readonly id: number;
  /** What the user did, as typed: `kubectl apply -f web.yaml`, `sandbox kill node worker-2`. */
  readonly command: string;
  readonly startedMs: number;
  readonly source: 'step' | 'user';
}

export class InteractionLog {
  private readonly ring: (Interaction | undefined)[];
  private next = 0;
  private hash = 0x811c9dc5;
  private readonly listeners = new Set<(i: Interaction) => void>();
  readonly operations: Operation[] = [];
  /** When false, records are counted and hashed but not kept (benchmarks of pure throughput). */
  keep = true;

  constructor(
    private readonly now: () => number,
    readonly capacity = 100_000,
  ) {
    this.ring = new Array<Interaction | undefined>(capacity);
  }

  get size(): number {
    return Math.min(this.next, this.capacity);
  }

  get total(): number {
    return this.next;
  }

  /** Running FNV-1a hash over every record appended so far (the event-log hash). */
  get digest(): string {
    return (this.hash >>> 0).toString(16).padStart(8, '0');
  }

  append(input: InteractionInput): Interaction {
    const rec: Interaction = { seq: this.next, tMs: this.now(), ...input };
    this.hash = fnv32a(`${rec.tMs}|${rec.kind}|${rec.from}|${rec.to}|${rec.label}|${rec.opId ?? ''}|${rec.code ?? ''}`, this.hash);
    if (this.keep) this.ring[this.next % this.capacity] = rec;
    this.next++;
    for (const l of this.listeners) l(rec);
    return rec;
  }

  /** Records with seq ≥ fromSeq still held by the ring, oldest first. */
  since(fromSeq: number): Interaction[] {
    const start = Math.max(fromSeq, this.next - this.capacity, 0);
    const out: Interaction[] = [];
    for (let s = start; s < this.next; s++) {
      const r = this.ring[s % this.capacity];
      if (r) out.push(r);
    }
    return out;
  }

  forOperation(opId: number): Interaction[] {
    return this.since(0).filter((r) => r.opId === opId);
  }

  beginOperation(command: string, source: Operation['source']): Operation {
    const op: Operation = { id: this.operations.length + 1, command, startedMs: this.now(), source };
    this.operations.push(op);
    if (this.operations.length > 1000) this.operations.splice(0, this.operations.length - 1000);
    return op;
  }

  subscribe(listener: (i: Interaction) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
