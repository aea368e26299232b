import type { ApiServer, RequestContext } from '../api/apiserver';
import type { InvolvedObject, KubeObject } from '../api/types';
import type { EventRecorder } from '../client/event-recorder';
import type { Machine } from '../cluster/node-config';
import { InteractionKind, type ObjectRef } from '../log/interaction-log';
import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import type { Backoff } from './backoff';
import type { ImagePuller } from './image-puller';
import type { IpAllocator } from './ip-allocator';

/**
 * The per-node services a kubelet's pod workers share: its clock and timers (cancelled when
 * the kubelet stops), its API identity, event recorder, image puller, IPAM and back-offs.
 */
export interface KubeletRuntime {
  readonly env: SimEnv;
  readonly api: ApiServer;
  /** `kubelet/<node>` */
  readonly id: string;
  /** `runtime/<node>`: containerd, as the sequence diagram names it. */
  readonly runtimeId: string;
  readonly nodeName: string;
  readonly machine: Machine;
  readonly recorder: EventRecorder;
  readonly puller: ImagePuller;
  readonly ips: IpAllocator;
  /** CrashLoopBackOff, keyed `<pod uid>_<container>`. */
  readonly containerBackoff: Backoff;
  /** ImagePullBackOff, keyed `<pod uid>_<image>`. */
  readonly imageBackoff: Backoff;
  ctx(opId?: number): RequestContext;
  /**
   * Runs `fn` after `delayMs` (cancelled if the kubelet dies). A zero-delay foreground step runs
   * at once and returns undefined, so that with zero simulated latencies a pod's whole start-up
   * happens in one instant and reaches the API as one status write.
   */
  schedule(delayMs: number, label: string, fn: () => void, background?: boolean): ScheduledEvent | undefined;
  /** Runs `fn` at the end of the current instant (after what is already queued for now). */
  defer(label: string, fn: () => void): ScheduledEvent;
  unschedule(ev: ScheduledEvent | undefined): void;
}

/** PLEG relist period: how long after a container exits the kubelet notices and acts. */
export const PLEG_RELIST_MS = 1000;

export function logKubelet(rt: KubeletRuntime, label: string, opId: number | undefined, ref?: ObjectRef): void {
  rt.env.log.append({ kind: InteractionKind.Kubelet, from: rt.id, to: rt.id, label, opId, ref });
}

export function logRuntime(rt: KubeletRuntime, label: string, opId: number | undefined, ref?: ObjectRef): void {
  rt.env.log.append({ kind: InteractionKind.Runtime, from: rt.id, to: rt.runtimeId, label, opId, ref });
}

/** logKubelet for a label `prefix + rest`, hashed in parts (see InteractionLog.appendJoined). */
export function logKubeletJoined(rt: KubeletRuntime, prefix: string, rest: string, opId: number | undefined, ref?: ObjectRef): void {
  rt.env.log.appendJoined({ kind: InteractionKind.Kubelet, from: rt.id, to: rt.id, opId, ref }, prefix, rest);
}

/** logRuntime for a label `prefix + rest`, hashed in parts (see InteractionLog.appendJoined). */
export function logRuntimeJoined(rt: KubeletRuntime, prefix: string, rest: string, opId: number | undefined, ref?: ObjectRef): void {
  rt.env.log.appendJoined({ kind: InteractionKind.Runtime, from: rt.id, to: rt.runtimeId, opId, ref }, prefix, rest);
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const ID_CODES = new Array<number>(64).fill(48);

/** A random 64-hex-digit id (container and sandbox ids), from the seeded generator. */
export function runtimeId64(rt: KubeletRuntime): string {
  // Eight uint32 as 8 lowercase hex digits each, written as char codes: one flat string, no
  // intermediate strings (`+=` of toString(16) pieces left a rope of eight behind every id).
  for (let w = 0; w < 8; w++) {
    const x = rt.env.rng.nextUint32();
    for (let i = 0; i < 8; i++) ID_CODES[w * 8 + i] = HEX_CODES[(x >>> (28 - 4 * i)) & 15]!;
  }
  return String.fromCharCode(...ID_CODES);
}

export function recordEvent(rt: KubeletRuntime, opId: number | undefined, obj: KubeObject | InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
  rt.recorder.record(rt.ctx(opId), obj, type, reason, message, fieldPath);
}
