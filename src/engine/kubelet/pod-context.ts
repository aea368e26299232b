import type { Pod } from '../api/types';
import type { KubeletRuntime } from './kubelet-runtime';
import type { Misbehaviour } from './sim-annotations';

/** What a container runner may know and do about the pod it belongs to (implemented by PodWorker). */
export interface PodContext {
  readonly rt: KubeletRuntime;
  readonly uid: string;
  readonly misbehaviour: Misbehaviour;
  /** When the pod's prober workers started ticking (admission). */
  readonly probeOriginMs: number;
  pod(): Pod;
  /** The user operation that caused what the kubelet is doing now. */
  opId(): number | undefined;
  podIP(): string | undefined;
  /** The pod is being torn down: nothing may start or restart. */
  terminating(): boolean;
  /** Something in the pod's status changed: write it (batched). */
  changed(): void;
  /** A container became started (lets the next init container go after a sidecar). */
  containerStarted(name: string): void;
  /** A container's process ended with this code. */
  containerExited(name: string, exitCode: number): void;
}
