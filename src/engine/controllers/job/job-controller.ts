import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { Job, Pod } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { selectorMatches } from '../../util/labels';
import { claimObjects } from '../shared/claim';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { Expectations } from '../shared/expectations';
import { NamespaceIndex } from '../shared/namespace-index';
import { OwnerIndex } from '../shared/owner-index';
import { controllerRefOf } from '../shared/owner-refs';
import { PodControl } from '../shared/pod-control';
import type { BackoffRecord } from './backoff';
import { hasTrackingFinalizer, isJobFinished, jobSelector } from './job-util';
import { JobSync, removeTrackingFinalizer } from './job-sync';

/** syncJobBatchPeriod: a pod that just failed is looked at a second later, batching failures. */
const SYNC_JOB_BATCH_PERIOD_MS = 1000;
const ORPHAN_PREFIX = 'orphan-pod:';

/** The Job controller: runs pods to `completions` with `parallelism`, `backoffLimit` and back-off. */
export class JobController extends QueueController {
  private jobs!: Informer<Job>;
  private pods!: Informer<Pod>;
  private readonly jobsByNs = new NamespaceIndex<Job>();
  private readonly podsByOwner = new OwnerIndex<Pod>();
  private readonly expectations = new Expectations(() => this.env.now());
  private readonly backoff = new Map<string, BackoffRecord>();
  private readonly podControl: PodControl;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'job-controller');
    this.podControl = new PodControl(api, this.recorder);
  }

  protected setup(): void {
    this.jobs = this.informer<Job>('jobs');
    this.jobsByNs.attach(this.jobs);
    this.jobs.on({
      add: (j, opId) => this.enqueue(objectKey(j), opId),
      update: (_o, j, opId) => this.enqueue(objectKey(j), opId),
      delete: (j) => {
        this.expectations.forget(objectKey(j));
        this.backoff.delete(objectKey(j));
      },
    });
    this.pods = this.informer<Pod>('pods');
    this.podsByOwner.attach(this.pods);
    this.pods.on({
      add: (p, opId) => this.onPod(undefined, p, opId),
      update: (o, p, opId) => this.onPod(o, p, opId),
      delete: (p, opId) => this.onPodDelete(p, opId),
    });
  }

  private ownerOf(pod: Pod): Job | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'Job') return undefined;
    const job = this.jobs.get(pod.metadata.namespace, ref.name);
    return job?.metadata.uid === ref.uid ? job : undefined;
  }

  private onPod(old: Pod | undefined, pod: Pod, opId: number | undefined): void {
    if (old && old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const job = this.ownerOf(pod);
    if (!job) {
      if (hasTrackingFinalizer(pod)) this.enqueue(`${ORPHAN_PREFIX}${objectKey(pod)}`, opId);
      if (!controllerRefOf(pod)) this.enqueueMatching(pod, opId);
      return;
    }
    const key = objectKey(job);
    if (!old) this.expectations.creationObserved(key);
    if (pod.metadata.deletionTimestamp) this.expectations.deletionObserved(key, objectKey(pod));
    const newlyFailed = old !== undefined && pod.status?.phase === 'Failed' && old.status?.phase !== 'Failed';
    if (newlyFailed) this.enqueueAfter(key, SYNC_JOB_BATCH_PERIOD_MS, opId);
    else this.enqueue(key, opId);
  }

  private onPodDelete(pod: Pod, opId: number | undefined): void {
    const job = this.ownerOf(pod);
    if (!job) return;
    this.expectations.deletionObserved(objectKey(job), objectKey(pod));
    this.enqueueAfter(objectKey(job), SYNC_JOB_BATCH_PERIOD_MS, opId);
  }

  private enqueueMatching(pod: Pod, opId: number | undefined): void {
    for (const job of this.jobsByNs.in(pod.metadata.namespace)) {
      if (job.spec.selector && selectorMatches(job.spec.selector, pod.metadata.labels)) this.enqueue(objectKey(job), opId);
    }
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    if (key.startsWith(ORPHAN_PREFIX)) return this.syncOrphanPod(key.slice(ORPHAN_PREFIX.length), ctx);
    const job = this.jobs.getByKey(key);
    if (!job) {
      this.expectations.forget(key);
      return 'done';
    }
    const selector = jobSelector(job);
    const pods = claimObjects<Pod>({
      api: this.api, ctx, resource: 'pods', owner: job, ownerResource: 'jobs',
      matches: (p) => selectorMatches(selector, p.metadata.labels),
      owned: this.podsByOwner.owned(job.metadata.uid).filter((p) => p.metadata.namespace === job.metadata.namespace),
      orphans: this.podsByOwner.orphansIn(job.metadata.namespace),
    });
    if (isJobFinished(job)) return this.releaseFinishedPods(ctx, pods);
    const sync = new JobSync({
      api: this.api, ctx, recorder: this.recorder, podControl: this.podControl, expectations: this.expectations,
      nowMs: this.env.now(), backoff: this.backoff, requeueAfter: (ms) => this.enqueueAfter(key, ms, ctx.opId),
    }, job);
    return sync.run(pods) ? 'done' : 'retry';
  }

  /** A finished Job counts nothing more; its pods only lose the tracking finalizer. */
  private releaseFinishedPods(ctx: RequestContext, pods: readonly Pod[]): SyncResult {
    let ok = true;
    for (const pod of pods) if (hasTrackingFinalizer(pod) && !removeTrackingFinalizer(this.api, ctx, pod)) ok = false;
    return ok ? 'done' : 'retry';
  }

  /** syncOrphanPod: a pod whose Job is gone must not keep the finalizer forever. */
  private syncOrphanPod(podKey: string, ctx: RequestContext): SyncResult {
    const pod = this.pods.getByKey(podKey);
    if (!pod || !hasTrackingFinalizer(pod)) return 'done';
    const ref = controllerRefOf(pod);
    if (ref?.kind === 'Job') {
      const live = this.api.get<Job>(ctx, 'jobs', pod.metadata.namespace, ref.name);
      if (live.ok && live.value.metadata.uid === ref.uid && !isJobFinished(live.value)) return 'done';
    }
    return removeTrackingFinalizer(this.api, ctx, pod) ? 'done' : 'retry';
  }
}
