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

/** A label known by its hash (labelHashOf(label)), the text built on demand. */
export interface LabelSource {
  readonly label: string;
  readonly labelHash: number;
}

export interface Operation {
  readonly id: number;
  /** What the user did, as typed: `kubectl apply -f web.yaml`, `sandbox kill node worker-2`. */
  readonly command: string;
  readonly startedMs: number;
  readonly source: 'step' | 'user';
}

const ID_HASH_CACHE = 8192;
const MAX_PREFIX_HASHES = 4096;

/** The kinds are constants: their hashes come from a table of a dozen entries, not the id cache. */
const KIND_HASHES: ReadonlyMap<string, number> = new Map(Object.values(InteractionKind).map((k) => [k, fnv32a(k)]));

/**
 * The hash a record's label contributes (FNV-1a): a caller logging one label many times may
 * compute it once. `seed`: the hash of the label's first part (FNV-1a runs over parts in turn).
 */
export function labelHashOf(label: string, seed?: number): number {
  return fnv32a(label, seed);
}

/** The hash a component id contributes as `from` or `to`: a caller logging for one component many times may compute it once. */
export function idHashOf(id: string): number {
  return fnv32a(id);
}

const WATCH_HASH = fnv32a(InteractionKind.Watch);
const REQUEST_HASH = fnv32a(InteractionKind.Request);
const RESPONSE_HASH = fnv32a(InteractionKind.Response);
const ETCD_HASH = fnv32a(InteractionKind.EtcdWrite);

/** KIND_HASHES.get(kind), the kinds most records have compared first (one string comparison each, no map lookup). */
function kindHash(kind: string): number | undefined {
  if (kind === InteractionKind.Watch) return WATCH_HASH;
  if (kind === InteractionKind.Request) return REQUEST_HASH;
  if (kind === InteractionKind.Response) return RESPONSE_HASH;
  if (kind === InteractionKind.EtcdWrite) return ETCD_HASH;
  return KIND_HASHES.get(kind);
}

/** Folds a 32-bit word into a running hash (multiply-xorshift, as MurmurHash2's mix). */
function mix(h: number, v: number): number {
  const x = Math.imul(h ^ (v | 0), 0x5bd1e995);
  return (x ^ (x >>> 15)) >>> 0;
}

export class InteractionLog {
  /** Allocated on the first kept record: a log that only hashes (benchmarks) never needs it. */
  private ring: (Interaction | undefined)[] | undefined;
  private next = 0;
  private hash = 0x811c9dc5;
  private readonly idHashes = new Map<string, number>();
  private readonly lastIds: string[] = ['', '', ''];
  private readonly lastIdHashes: number[] = [fnv32a(''), fnv32a(''), fnv32a('')];
  private readonly prefixHashes = new Map<string, number>();
  private lastLabel = '';
  private lastLabelHash = fnv32a('');
  private readonly listeners = new Set<(i: Interaction) => void>();
  readonly operations: Operation[] = [];
  /** When false, records are counted and hashed but not kept (benchmarks of pure throughput). */
  keep = true;

  constructor(
    private readonly now: () => number,
    readonly capacity = 100_000,
  ) {}

  get size(): number {
    return Math.min(this.next, this.capacity);
  }

  get total(): number {
    return this.next;
  }

  /**
   * Whether records are kept or heard by anyone. When not, callers may leave out what only a
   * kept record carries and the hash does not cover (`ref`): fewer objects per record.
   */
  get recording(): boolean {
    return this.keep || this.listeners.size > 0;
  }

  /** Running hash over every record appended so far (the event-log hash): each field's FNV-1a, mixed in order. */
  get digest(): string {
    return (this.hash >>> 0).toString(16).padStart(8, '0');
  }

  /**
   * Records `input` (copied: a caller may reuse the object for its next record). `labelHash`:
   * labelHashOf(input.label), and `toHash` idHashOf(input.to), when the caller has them already.
   */
  append(input: InteractionInput, labelHash?: number, toHash?: number): void {
    this.record(input, input.label, labelHash ?? this.labelHash(input.label), toHash);
  }

  /**
   * Records `input` with the label `src.label`, hashed as `src.labelHash`: the label is only
   * read (and may only be built) for a record that is kept or heard.
   */
  appendLabeled(input: Omit<InteractionInput, 'label'>, src: LabelSource, toHash?: number): void {
    this.record(input, this.recording ? src.label : undefined, src.labelHash, toHash);
  }

  /**
   * Records `input` with the label `prefix + rest` (`txn put /registry/…`, `POST /api/…`): the
   * hash is the same FNV-1a run over the two parts in turn, so the label string is only
   * built for a record that is kept or heard.
   */
  appendJoined(input: Omit<InteractionInput, 'label'>, prefix: string, rest: string): void {
    const h = fnv32a(rest, this.prefixHash(prefix));
    this.record(input, this.recording ? prefix + rest : undefined, h);
  }

  /**
   * Records `input` with the label `prefix + a + sep + b` (`schedule <pod> → <node>`), hashed
   * as that string (FNV-1a run over the four parts in turn): a caller logging once per object
   * need not build the label when nothing records. `prefix` and `sep` are constants.
   */
  appendParts(input: Omit<InteractionInput, 'label'>, prefix: string, a: string, sep: string, b: string): void {
    const h = fnv32a(b, fnv32a(sep, fnv32a(a, this.prefixHash(prefix))));
    this.record(input, this.recording ? prefix + a + sep + b : undefined, h);
  }

  private record(input: Omit<InteractionInput, 'label'>, label: string | undefined, labelHash: number, toHash?: number): void {
    const tMs = this.now();
    let h = this.hash;
    // Simulated times fit in 32 bits: the low word is the time itself and the high word 0 (a float modulo and division otherwise).
    const small = tMs >= 0 && tMs < 0x100000000;
    h = mix(h, small ? tMs : tMs % 0x100000000);
    h = mix(h, small ? 0 : Math.floor(tMs / 0x100000000));
    h = mix(h, kindHash(input.kind) ?? this.idHash(input.kind, 0));
    h = mix(h, this.idHash(input.from, 1));
    h = mix(h, toHash ?? this.idHash(input.to, 2));
    h = mix(h, labelHash);
    h = mix(h, input.opId ?? -1);
    this.hash = mix(h, input.code ?? -1);
    const seq = this.next++;
    if (label === undefined || (!this.keep && this.listeners.size === 0)) return;
    // Built field by field: one object shape for every record (a spread would vary with the input's keys).
    const rec: Interaction = { seq, tMs, kind: input.kind, from: input.from, to: input.to, label, opId: input.opId, code: input.code, ref: input.ref, phase: input.phase };
    if (this.keep) (this.ring ??= new Array<Interaction | undefined>(this.capacity))[seq % this.capacity] = rec;
    for (const l of this.listeners) l(rec);
  }

  /** Label prefixes are a few constants (`txn put `, `POST `, a request's path up to the name): their running hashes are kept (bounded). */
  private prefixHash(prefix: string): number {
    let v = this.prefixHashes.get(prefix);
    if (v === undefined) {
      if (this.prefixHashes.size >= MAX_PREFIX_HASHES) this.prefixHashes.clear();
      v = fnv32a(prefix);
      this.prefixHashes.set(prefix, v);
    }
    return v;
  }

  /**
   * Component ids and kinds repeat: their hashes are remembered (bounded), and the latest of
   * each field (`slot`: kind, from, to) is checked first (a fan-out repeats kind and from).
   */
  private idHash(id: string, slot: number): number {
    if (id === this.lastIds[slot]) return this.lastIdHashes[slot]!;
    // A request and its response swap `from` and `to`: the other slot often has it.
    const other = slot === 1 ? 2 : 1;
    let v = id === this.lastIds[other] ? this.lastIdHashes[other] : this.idHashes.get(id);
    if (v === undefined) {
      if (this.idHashes.size >= ID_HASH_CACHE) this.idHashes.clear();
      v = fnv32a(id);
      this.idHashes.set(id, v);
    }
    this.lastIds[slot] = id;
    this.lastIdHashes[slot] = v;
    return v;
  }

  /** A watch event fanned out to several components logs one label several times in a row. */
  private labelHash(label: string): number {
    if (label !== this.lastLabel) {
      this.lastLabel = label;
      this.lastLabelHash = fnv32a(label);
    }
    return this.lastLabelHash;
  }

  /** Records with seq ≥ fromSeq still held by the ring, oldest first. */
  since(fromSeq: number): Interaction[] {
    const start = Math.max(fromSeq, this.next - this.capacity, 0);
    const out: Interaction[] = [];
    const ring = this.ring;
    if (!ring) return out;
    for (let s = start; s < this.next; s++) {
      const r = ring[s % this.capacity];
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
