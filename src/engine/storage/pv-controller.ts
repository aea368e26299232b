import type { ApiServer, RequestContext } from '../api/apiserver';
import type { Informer } from '../client/informer';
import { QueueController, type SyncResult } from '../controllers/shared/controller-base';
import type { SimEnv } from '../sim/env';
import { rfc3339 } from '../sim/time';
import { deepClone } from '../util/clone';
import { NO_PROVISIONER, StorageAnnotation, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './types';
import { bindingMode, claimClass, claimRefMatches, findMatchingVolume } from './volume-util';

/** Event texts of upstream pkg/controller/volume/persistentvolume. */
export const PvMessage = {
  waitForFirstConsumer: 'waiting for first consumer to be created before binding',
  externalProvisioning: (provisioner: string) =>
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  noVolumeNoClass: 'no persistent volumes available for this claim and no storage class is set',
  classNotFound: (name: string) => `storageclass.storage.k8s.io "${name}" not found`,
  claimLost: 'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
} as const;

const CLAIM = 'claim:';
const VOLUME = 'volume:';

/**
 * kube-controller-manager's persistentvolume-binder: binds claims to volumes (static ones at
 * once for Immediate classes; for WaitForFirstConsumer only what the scheduler chose), asks
 * the class's provisioner for a volume once the scheduler picked a node, keeps the phases
 * (Available / Bound / Released / Lost) and leaves Released provisioned volumes to their provisioner.
 */
export class PersistentVolumeController extends QueueController {
  private claims!: Informer<PersistentVolumeClaim>;
  private volumes!: Informer<PersistentVolume>;
  private classes!: Informer<StorageClass>;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'persistentvolume-binder-controller', 'persistentvolume-controller');
  }

  protected setup(): void {
    this.claims = this.informer<PersistentVolumeClaim>('persistentvolumeclaims');
    this.volumes = this.informer<PersistentVolume>('persistentvolumes');
    this.classes = this.informer<StorageClass>('storageclasses');
    const claimKey = (c: PersistentVolumeClaim): string => `${CLAIM}${c.metadata.namespace ?? 'default'}/${c.metadata.name}`;
    this.claims.on({
      add: (c, opId) => this.enqueue(claimKey(c), opId),
      update: (_o, c, opId) => this.enqueue(claimKey(c), opId),
      delete: (c, opId) => {
        if (c.spec.volumeName) this.enqueue(`${VOLUME}${c.spec.volumeName}`, opId);
      },
    });
    const onVolume = (v: PersistentVolume, opId: number | undefined): void => {
      this.enqueue(`${VOLUME}${v.metadata.name}`, opId);
      const ref = v.spec.claimRef;
      if (ref?.name) this.enqueue(`${CLAIM}${ref.namespace ?? 'default'}/${ref.name}`, opId);
    };
    this.volumes.on({ add: onVolume, update: (_o, v, opId) => onVolume(v, opId), delete: onVolume });
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    if (key.startsWith(CLAIM)) {
      const [ns, name] = key.slice(CLAIM.length).split('/') as [string, string];
      const claim = this.claims.get(ns, name);
      return claim && !claim.metadata.deletionTimestamp ? this.syncClaim(claim, ctx) : 'done';
    }
    const volume = this.volumes.get(undefined, key.slice(VOLUME.length));
    return volume ? this.syncVolume(volume, ctx) : 'done';
  }

  // ------------------------------------------------------------------ claims

  private syncClaim(claim: PersistentVolumeClaim, ctx: RequestContext): SyncResult {
    if (claim.spec.volumeName) return this.syncBoundClaim(claim, ctx);
    const className = claimClass(claim);
    const cls = className ? this.classes.get(undefined, className) : undefined;
    if (bindingMode(cls) === 'WaitForFirstConsumer') {
      const chosen = this.prebound(claim);
      if (chosen) return this.bind(claim, chosen, ctx);
      if (claim.metadata.annotations?.[StorageAnnotation.selectedNode] === undefined) {
        this.recorder.record(ctx, claim, 'Normal', 'WaitForFirstConsumer', PvMessage.waitForFirstConsumer);
        return 'done';
      }
      return cls ? this.provision(claim, cls, ctx) : 'done';
    }
    const match = findMatchingVolume(claim, this.volumes.list());
    if (match) return this.bind(claim, match, ctx);
    if (cls && cls.provisioner !== NO_PROVISIONER) return this.provision(claim, cls, ctx);
    const message = className === '' ? PvMessage.noVolumeNoClass : cls ? 'no persistent volumes available for this claim' : PvMessage.classNotFound(className);
    this.recorder.record(ctx, claim, 'Warning', cls || className === '' ? 'FailedBinding' : 'ProvisioningFailed', message);
    return 'done';
  }

  /** A volume whose claimRef already names this claim (the scheduler's choice, or an admin's pre-binding). */
  private prebound(claim: PersistentVolumeClaim): PersistentVolume | undefined {
    for (const pv of this.volumes.list()) if (!pv.metadata.deletionTimestamp && claimRefMatches(pv, claim)) return pv;
    return undefined;
  }

  private provision(claim: PersistentVolumeClaim, cls: StorageClass, ctx: RequestContext): SyncResult {
    const annotations = claim.metadata.annotations ?? {};
    if (annotations[StorageAnnotation.storageProvisioner] === cls.provisioner) return 'done';
    const patch = { metadata: { annotations: { [StorageAnnotation.storageProvisioner]: cls.provisioner, [StorageAnnotation.betaStorageProvisioner]: cls.provisioner } } };
    const res = this.api.patch(ctx, 'persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name, patch);
    if (!res.ok) return 'retry';
    this.recorder.record(ctx, claim, 'Normal', 'ExternalProvisioning', PvMessage.externalProvisioning(cls.provisioner));
    return 'done';
  }

  private syncBoundClaim(claim: PersistentVolumeClaim, ctx: RequestContext): SyncResult {
    const pv = this.volumes.get(undefined, claim.spec.volumeName ?? '');
    if (!pv) {
      if (claim.status?.phase === 'Lost') return 'done';
      this.recorder.record(ctx, claim, 'Warning', 'ClaimLost', PvMessage.claimLost);
      return this.claimStatus(claim, { phase: 'Lost' }, ctx);
    }
    if (!claimRefMatches(pv, claim)) return 'done';
    return this.bind(claim, pv, ctx);
  }

  /** bind(): the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
  private bind(claim: PersistentVolumeClaim, pv: PersistentVolume, ctx: RequestContext): SyncResult {
    const ns = claim.metadata.namespace ?? 'default';
    let volume = pv;
    if (!volume.spec.claimRef || !volume.spec.claimRef.uid) {
      const next = deepClone(volume);
      next.spec.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: ns, name: claim.metadata.name, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion };
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [StorageAnnotation.boundByController]: 'yes' };
      const res = this.api.update<PersistentVolume>(ctx, 'persistentvolumes', next);
      if (!res.ok) return 'retry';
      volume = res.value;
    }
    if (volume.status?.phase !== 'Bound' && this.volumeStatus(volume, 'Bound', ctx) === 'retry') return 'retry';
    let current = claim;
    if (claim.spec.volumeName !== volume.metadata.name || claim.metadata.annotations?.[StorageAnnotation.bindCompleted] !== 'yes') {
      const next = deepClone(claim);
      next.spec.volumeName = volume.metadata.name;
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [StorageAnnotation.bindCompleted]: 'yes', [StorageAnnotation.boundByController]: 'yes' };
      const res = this.api.update<PersistentVolumeClaim>(ctx, 'persistentvolumeclaims', next);
      if (!res.ok) return 'retry';
      current = res.value;
    }
    if (current.status?.phase === 'Bound') return 'done';
    return this.claimStatus(current, { phase: 'Bound', accessModes: volume.spec.accessModes ?? [], capacity: { ...(volume.spec.capacity ?? {}) } }, ctx);
  }

  private claimStatus(claim: PersistentVolumeClaim, status: NonNullable<PersistentVolumeClaim['status']>, ctx: RequestContext): SyncResult {
    const next = deepClone(claim);
    next.status = status;
    return this.api.update(ctx, 'persistentvolumeclaims', next, 'status').ok ? 'done' : 'retry';
  }

  // ------------------------------------------------------------------ volumes

  private syncVolume(pv: PersistentVolume, ctx: RequestContext): SyncResult {
    const ref = pv.spec.claimRef;
    if (!ref?.name) return pv.status?.phase === 'Available' ? 'done' : this.volumeStatus(pv, 'Available', ctx);
    const claim = this.claims.get(ref.namespace ?? 'default', ref.name);
    const sameClaim = claim !== undefined && (!ref.uid || ref.uid === claim.metadata.uid);
    if (sameClaim) {
      if (claim.spec.volumeName === pv.metadata.name && pv.status?.phase !== 'Bound') return this.volumeStatus(pv, 'Bound', ctx);
      return 'done';
    }
    // The claim is gone: the volume is Released and its reclaim policy applies.
    if (!ref.uid) return 'done';
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') {
      if (this.volumeStatus(pv, 'Released', ctx) === 'retry') return 'retry';
    }
    const policy = pv.spec.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Delete' && !pv.metadata.annotations?.[StorageAnnotation.provisionedBy]) {
      this.recorder.record(ctx, pv, 'Warning', 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`);
    }
    return 'done';
  }

  private volumeStatus(pv: PersistentVolume, phase: NonNullable<PersistentVolume['status']>['phase'], ctx: RequestContext): SyncResult {
    const next = deepClone(pv);
    next.status = { phase, lastPhaseTransitionTime: rfc3339(this.env.now()) };
    return this.api.update(ctx, 'persistentvolumes', next, 'status').ok ? 'done' : 'retry';
  }
}
