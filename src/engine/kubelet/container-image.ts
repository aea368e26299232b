import type { Container } from '../api/types';
import type { ScheduledEvent } from '../sim/event-queue';
import { formatGoDuration, parseImage, pullPolicy, type ImageRef } from './images';
import { logRuntime, PLEG_RELIST_MS, recordEvent } from './kubelet-runtime';
import type { PodContext } from './pod-context';

/**
 * EnsureImageExists (pkg/kubelet/images/image_manager.go): honours imagePullPolicy and the
 * node's cache, pulls through the serial puller, and on failure walks the real event
 * sequence ErrImagePull → ImagePullBackOff with a 10 s back-off doubling to 300 s.
 */

export interface ImageStepHost {
  readonly pc: PodContext;
  readonly spec: Container;
  readonly fieldPath: string;
  setWaiting(reason: string, message?: string): void;
  later(delayMs: number, label: string, fn: () => void, background: boolean): ScheduledEvent | undefined;
  setCancelPull(cancel: (() => void) | undefined): void;
}

/** The last image's "already present" message: every pod of a template shares one string. */
let presentImage: string | undefined;
let presentText = '';

function presentMessage(image: string): string {
  if (image !== presentImage) {
    // Joined, not a template literal: the message is kept with the Event as one flat string.
    presentText = ['Container image "', image, '" already present on machine'].join('');
    presentImage = image;
  }
  return presentText;
}

/** An Event about the container (a module function: a closure per call would be built for every pod). */
function imageEvent(h: ImageStepHost, type: 'Normal' | 'Warning', reason: string, message: string): void {
  recordEvent(h.pc.rt, h.pc.opId(), h.pc.pod(), type, reason, message, h.fieldPath);
}

export function ensureImage(h: ImageStepHost, then: (ref: ImageRef) => void): void {
  const { pc, spec } = h;
  const rt = pc.rt;
  const parsed = parseImage(spec.image);
  if (!parsed.ok) {
    imageEvent(h, 'Warning', 'InspectFailed', parsed.message);
    h.setWaiting('InvalidImageName', parsed.message);
    pc.changed();
    return;
  }
  const ref = parsed.ref;
  const policy = pullPolicy(spec, ref);
  const present = rt.machine.images.has(ref.full) && !pc.misbehaviour.imagePullError;
  if (policy === 'Never' && !present) {
    const message = `Container image "${spec.image}" is not present with pull policy of Never`;
    imageEvent(h, 'Warning', 'ErrImageNeverPull', message);
    h.setWaiting('ErrImageNeverPull', message);
    pc.changed();
    return;
  }
  if (present && policy !== 'Always') {
    imageEvent(h, 'Normal', 'Pulled', presentMessage(spec.image));
    then(ref);
    return;
  }
  const key = `${pc.uid}_${spec.image}`;
  const backoff = rt.imageBackoff;
  if (backoff.isInBackOffSinceUpdate(key, rt.env.now())) {
    const message = `Back-off pulling image "${spec.image}"`;
    imageEvent(h, 'Normal', 'BackOff', message);
    imageEvent(h, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    h.setWaiting('ImagePullBackOff', message);
    pc.changed();
    h.later(backoff.untilUpdate(key) - rt.env.now(), `image back-off ${spec.name}`, () => ensureImage(h, then), true);
    return;
  }
  imageEvent(h, 'Normal', 'Pulling', ['Pulling image "', spec.image, '"'].join(''));
  logRuntime(rt, `pull ${spec.image}`, pc.opId(), { kind: 'Pod', namespace: pc.pod().metadata.namespace, name: pc.pod().metadata.name });
  let settled = false;
  const cancel = rt.puller.pull(ref, pc.misbehaviour.imagePullError, (r) => {
    settled = true;
    h.setCancelPull(undefined);
    if (pc.terminating()) return;
    if (r.ok) {
      imageEvent(h, 'Normal', 'Pulled', `Successfully pulled image "${spec.image}" in ${formatGoDuration(r.pullMs)} (${formatGoDuration(r.totalMs)} including waiting). Image size: ${r.sizeBytes} bytes.`);
      then(ref);
      return;
    }
    const error = r.error ?? 'unknown error';
    imageEvent(h, 'Warning', 'Failed', `Failed to pull image "${spec.image}": ${error}`);
    backoff.next(key, rt.env.now());
    imageEvent(h, 'Warning', 'Failed', 'Error: ErrImagePull');
    h.setWaiting('ErrImagePull', error);
    pc.changed();
    h.later(PLEG_RELIST_MS, `sync ${spec.name}`, () => ensureImage(h, then), true);
  });
  // A pull that took no time has finished already: its canceller would only keep the spent
  // request (and this closure) alive with the container for the rest of its life.
  if (!settled) h.setCancelPull(cancel);
}
