import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { Condition, Job, Pod } from '../../api/types';
import type { EventRecorder } from '../../client/event-recorder';
import { objectKey } from '../../client/informer';
import { parseTimestamp, rfc3339 } from '../../sim/time';
import { deepClone, deepEqual } from '../../util/clone';
import type { Expectations } from '../shared/expectations';
import { newControllerRef } from '../shared/owner-refs';
import { PodControl, podFromTemplate } from '../shared/pod-control';
import { isPodActive, isPodReady, isPodTerminal } from '../shared/pod-util';
import { slowStartBatch } from '../shared/slow-start';
import { podsToDelete } from '../replicaset/victims';
import { nextBackoffRecord, remainingBackoffMs, type BackoffRecord } from './backoff';
import {
  completionsOf, DEFAULT_BACKOFF_LIMIT, finishedMs, hasCondition, hasTrackingFinalizer, isPodFailed, JOB_TRACKING_FINALIZER,
  jobCondition, jobPodLabels, MAX_POD_CREATE_DELETE_PER_SYNC, parallelismOf, pastBackoffLimitOnFailure,
} from './job-util';

type JobStatus = NonNullable<Job['status']>;

export interface JobDeps {
  api: ApiServer;
  ctx: RequestContext;
  recorder: EventRecorder;
  podControl: PodControl;
  expectations: Expectations;
  nowMs: number;
  backoff: Map<string, BackoffRecord>;
  /** Requeue the Job after `ms` (pod back-off, active deadline). */
  requeueAfter(ms: number): void;
}

/**
 * One pass of the Job controller's syncJob: count finished pods through the
 * `batch.kubernetes.io/job-tracking` finalizer and status.uncountedTerminatedPods, decide
 * Failed (backoffLimit, activeDeadlineSeconds) or Complete, and keep `parallelism` pods
 * running, recreating failed ones after the 10 s-doubling back-off.
 */
export class JobSync {
  private readonly key: string;
  private status: JobStatus;
  private readonly uncounted: { succeeded: Set<string>; failed: Set<string> };

  constructor(private readonly d: JobDeps, private job: Job) {
    this.key = objectKey(job);
    this.status = structuredStatus(job.status);
    this.uncounted = {
      succeeded: new Set(job.status?.uncountedTerminatedPods?.succeeded ?? []),
      failed: new Set(job.status?.uncountedTerminatedPods?.failed ?? []),
    };
  }

  /** Returns false when a write failed and the Job should be retried. */
  run(pods: readonly Pod[]): boolean {
    const now = this.d.nowMs;
    const newlyFinished = this.recordFinished(pods);
    if (newlyFinished && !this.write()) return false;
    const finalizersOk = this.flushUncounted(pods);
    let active = pods.filter(isPodActive);
    const terminatingCount = (): number => pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length;
    if (!this.status.startTime && !this.job.spec.suspend) this.status.startTime = rfc3339(now);
    const failure = this.failureReason(pods);
    const succeeded = this.status.succeeded ?? 0;
    const completions = completionsOf(this.job);
    const complete = !failure && (hasCondition(this.job, 'SuccessCriteriaMet') || (completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions && active.length === 0));
    if (failure) {
      this.setCondition(jobCondition('FailureTarget', failure.reason, failure.message, now));
      for (const pod of active) this.d.podControl.delete(this.d.ctx, this.job, pod);
      active = [];
    } else if (!complete && this.d.expectations.satisfied(this.key)) {
      active = this.manage(active, terminatingCount());
    }
    this.finish(failure, complete, active.length + terminatingCount());
    this.status.active = active.length;
    this.status.ready = active.filter(isPodReady).length;
    this.status.terminating = terminatingCount();
    return this.write() && finalizersOk;
  }

  /** Adds newly finished pods (still carrying the finalizer) to uncountedTerminatedPods. */
  private recordFinished(pods: readonly Pod[]): boolean {
    const now = this.d.nowMs;
    const ok: { finishedMs: number }[] = [];
    const bad: { finishedMs: number }[] = [];
    for (const pod of pods) {
      const uid = pod.metadata.uid ?? '';
      if (!hasTrackingFinalizer(pod) || this.uncounted.succeeded.has(uid) || this.uncounted.failed.has(uid)) continue;
      if (pod.status?.phase === 'Succeeded') {
        this.uncounted.succeeded.add(uid);
        ok.push({ finishedMs: finishedMs(pod, now) });
      } else if (isPodFailed(pod)) {
        this.uncounted.failed.add(uid);
        bad.push({ finishedMs: finishedMs(pod, now) });
      }
    }
    if (ok.length + bad.length === 0) return false;
    this.d.backoff.set(this.key, nextBackoffRecord(this.d.backoff.get(this.key), ok, bad));
    this.syncUncountedField();
    return true;
  }

  /** Removes the tracking finalizer from counted pods, then moves them into succeeded / failed. */
  private flushUncounted(pods: readonly Pod[]): boolean {
    let ok = true;
    const byUid = new Map(pods.map((p) => [p.metadata.uid ?? '', p]));
    for (const [set, field] of [[this.uncounted.succeeded, 'succeeded'], [this.uncounted.failed, 'failed']] as const) {
      for (const uid of [...set]) {
        const pod = byUid.get(uid);
        if (pod && hasTrackingFinalizer(pod) && !removeTrackingFinalizer(this.d.api, this.d.ctx, pod)) {
          ok = false;
          continue;
        }
        set.delete(uid);
        this.status[field] = (this.status[field] ?? 0) + 1;
      }
    }
    this.syncUncountedField();
    return ok;
  }

  private syncUncountedField(): void {
    const u: { succeeded?: string[]; failed?: string[] } = {};
    if (this.uncounted.succeeded.size) u.succeeded = [...this.uncounted.succeeded].sort();
    if (this.uncounted.failed.size) u.failed = [...this.uncounted.failed].sort();
    this.status.uncountedTerminatedPods = u;
  }

  private failureReason(pods: readonly Pod[]): { reason: string; message: string } | undefined {
    const target = this.job.status?.conditions?.find((c) => c.type === 'FailureTarget' && c.status === 'True');
    if (target) return { reason: target.reason ?? '', message: target.message ?? '' };
    const failed = (this.status.failed ?? 0) + this.uncounted.failed.size;
    if (failed > (this.job.spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT) || pastBackoffLimitOnFailure(this.job, pods)) {
      return { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    }
    const deadline = this.job.spec.activeDeadlineSeconds;
    const start = parseTimestamp(this.status.startTime);
    if (deadline !== undefined && start !== undefined && !this.job.spec.suspend) {
      const left = start + deadline * 1000 - this.d.nowMs;
      if (left <= 0) return { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      this.d.requeueAfter(left);
    }
    return undefined;
  }

  /** manageJob: delete surplus active pods, or create up to parallelism after the back-off. */
  private manage(active: Pod[], terminating: number): Pod[] {
    const completions = completionsOf(this.job);
    const succeeded = this.status.succeeded ?? 0;
    const parallelism = this.job.spec.suspend ? 0 : parallelismOf(this.job);
    const want = completions === undefined
      ? (succeeded > 0 ? active.length : parallelism)
      : Math.max(0, Math.min(completions - succeeded, parallelism));
    const surplus = active.length - want;
    if (surplus > 0) {
      const victims = podsToDelete(active, active, Math.min(surplus, MAX_POD_CREATE_DELETE_PER_SYNC), this.d.nowMs);
      this.d.expectations.expect(this.key, 0, victims.map((p) => objectKey(p)));
      for (const pod of victims) this.d.podControl.delete(this.d.ctx, this.job, pod);
      return active.filter((p) => !victims.includes(p));
    }
    const running = this.job.spec.podReplacementPolicy === 'Failed' ? active.length + terminating : active.length;
    if (running >= want) return active;
    const wait = remainingBackoffMs(this.d.backoff.get(this.key), this.d.nowMs);
    if (wait > 0) {
      this.d.requeueAfter(wait);
      return active;
    }
    return [...active, ...this.createPods(Math.min(want - running, MAX_POD_CREATE_DELETE_PER_SYNC))];
  }

  private createPods(count: number): Pod[] {
    this.d.expectations.expect(this.key, count, []);
    const created: Pod[] = [];
    const ref = newControllerRef(this.job);
    const made = slowStartBatch(count, () => {
      const pod = podFromTemplate(this.job.spec.template, this.job, ref, { labels: jobPodLabels(this.job), finalizers: [JOB_TRACKING_FINALIZER] });
      const res = this.d.podControl.create(this.d.ctx, this.job, pod);
      if (typeof res === 'string') return false;
      created.push(res);
      return true;
    });
    for (let i = made; i < count; i++) this.d.expectations.creationObserved(this.key);
    return created;
  }

  /** FailureTarget → Failed, SuccessCriteriaMet → Complete, once no pod is left running. */
  private finish(failure: { reason: string; message: string } | undefined, complete: boolean, remaining: number): void {
    const now = this.d.nowMs;
    const settled = remaining === 0 && this.uncounted.succeeded.size + this.uncounted.failed.size === 0;
    if (failure && settled && !hasCondition(this.job, 'Failed')) {
      this.setCondition(jobCondition('Failed', failure.reason, failure.message, now));
      this.d.recorder.record(this.d.ctx, this.job, 'Warning', failure.reason, failure.message);
    }
    if (!complete) return;
    this.setCondition(jobCondition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', now));
    if (settled && !hasCondition(this.job, 'Complete')) {
      this.setCondition(jobCondition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now));
      this.status.completionTime = rfc3339(now);
      this.d.recorder.record(this.d.ctx, this.job, 'Normal', 'Completed', 'Job completed');
    }
  }

  private setCondition(cond: Condition): void {
    const list = this.status.conditions ?? [];
    if (list.some((c) => c.type === cond.type && c.status === cond.status)) return;
    this.status.conditions = [...list.filter((c) => c.type !== cond.type), cond];
  }

  private write(): boolean {
    if (deepEqual(this.job.status, this.status)) return true;
    const res = this.d.api.update<Job>(this.d.ctx, 'jobs', { ...this.job, status: this.status }, 'status');
    if (!res.ok) return false;
    this.job = res.value;
    this.status = structuredStatus(res.value.status);
    return true;
  }
}

function structuredStatus(s: JobStatus | undefined): JobStatus {
  return s ? deepClone(s) : {};
}

/** Strips the tracking finalizer; a pod already gone counts as done. */
export function removeTrackingFinalizer(api: ApiServer, ctx: RequestContext, pod: Pod): boolean {
  const rest = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
  const res = api.patch(ctx, 'pods', pod.metadata.namespace, pod.metadata.name, { metadata: { finalizers: rest.length > 0 ? rest : null } });
  return res.ok || res.status.code === 404;
}
