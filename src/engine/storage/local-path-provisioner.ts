import type { ApiServer, RequestContext } from '../api/apiserver';
import { Component } from '../client/component';
import { EventRecorder } from '../client/event-recorder';
import type { Informer } from '../client/informer';
import type { SimEnv } from '../sim/env';
import { LOCAL_PATH_PROVISIONER, PV_PROTECTION_FINALIZER, StorageAnnotation, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './types';

export interface LocalPathOptions {
  /** Directory the volumes are made in on the node (`/var/lib/rancher/k3s/storage`). */
  readonly root: string;
  /** Event source, as the external provisioner library names itself: `<provisioner>_<pod>_<uuid>`. */
  readonly identity: string;
}

/**
 * rancher.io/local-path-provisioner (k3s's default, also kind's): for a claim the PV
 * controller handed to it and the scheduler placed (`volume.kubernetes.io/selected-node`),
 * creates a hostPath volume `pvc-<claim uid>` on that node with node affinity to it; deletes
 * Released volumes it made when their reclaim policy is Delete. Runs as an add-on, beside
 * (not inside) kube-controller-manager.
 */
export class LocalPathProvisioner extends Component {
  private claims!: Informer<PersistentVolumeClaim>;
  private volumes!: Informer<PersistentVolume>;
  private classes!: Informer<StorageClass>;
  private readonly recorder: EventRecorder;

  constructor(env: SimEnv, api: ApiServer, readonly opts: LocalPathOptions) {
    super(env, api, 'local-path-provisioner');
    this.recorder = new EventRecorder(env, api, opts.identity);
  }

  protected onStart(): void {
    this.claims = this.informer<PersistentVolumeClaim>('persistentvolumeclaims');
    this.volumes = this.informer<PersistentVolume>('persistentvolumes');
    this.classes = this.informer<StorageClass>('storageclasses');
    this.claims.on({ add: (c, opId) => this.onClaim(c, opId), update: (_o, c, opId) => this.onClaim(c, opId) });
    this.volumes.on({ add: (v, opId) => this.onVolume(v, opId), update: (_o, v, opId) => this.onVolume(v, opId) });
  }

  private onClaim(claim: PersistentVolumeClaim, opId: number | undefined): void {
    const annotations = claim.metadata.annotations ?? {};
    const node = annotations[StorageAnnotation.selectedNode];
    if (annotations[StorageAnnotation.storageProvisioner] !== LOCAL_PATH_PROVISIONER || !node) return;
    if (claim.spec.volumeName || claim.metadata.deletionTimestamp || !claim.metadata.uid) return;
    const name = `pvc-${claim.metadata.uid}`;
    if (this.volumes.get(undefined, name)) return;
    const cls = this.classes.get(undefined, claim.spec.storageClassName ?? '');
    if (!cls || cls.provisioner !== LOCAL_PATH_PROVISIONER) return;
    this.after(0, 'provision', () => this.provision(claim, cls, node, this.ctx(opId)));
  }

  private provision(claim: PersistentVolumeClaim, cls: StorageClass, node: string, ctx: RequestContext): void {
    const ns = claim.metadata.namespace ?? 'default';
    const name = `pvc-${claim.metadata.uid ?? ''}`;
    if (this.volumes.get(undefined, name)) return;
    this.recorder.record(ctx, claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${claim.metadata.name}"`);
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name,
        annotations: { [StorageAnnotation.provisionedBy]: LOCAL_PATH_PROVISIONER, 'local.path.provisioner/selected-node': node },
        finalizers: [PV_PROTECTION_FINALIZER],
      },
      spec: {
        accessModes: claim.spec.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: claim.spec.resources?.requests?.storage ?? '0' },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: claim.metadata.name, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion },
        hostPath: { path: `${this.opts.root}/${name}_${ns}_${claim.metadata.name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name,
        volumeMode: claim.spec.volumeMode ?? 'Filesystem',
      },
    };
    const res = this.api.create(ctx, 'persistentvolumes', undefined, pv);
    if (res.ok) this.recorder.record(ctx, claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    else if (res.status.code !== 409) this.recorder.record(ctx, claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls.metadata.name}": ${res.status.message}`);
  }

  /** Released + Delete: the helper pod removes the directory, then the volume object goes. */
  private onVolume(pv: PersistentVolume, opId: number | undefined): void {
    if (pv.status?.phase !== 'Released' || pv.spec.persistentVolumeReclaimPolicy !== 'Delete') return;
    if (pv.metadata.annotations?.[StorageAnnotation.provisionedBy] !== LOCAL_PATH_PROVISIONER || pv.metadata.deletionTimestamp) return;
    this.after(0, 'delete', () => {
      const ctx = this.ctx(opId);
      const res = this.api.delete(ctx, 'persistentvolumes', undefined, pv.metadata.name);
      if (!res.ok) return;
      // The pv-protection finalizer goes once no claim uses the volume (it was Released).
      const current = this.api.get<PersistentVolume>(ctx, 'persistentvolumes', undefined, pv.metadata.name);
      if (current.ok && current.value.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) {
        this.api.patch(ctx, 'persistentvolumes', undefined, pv.metadata.name, { metadata: { finalizers: null } });
      }
    });
  }
}
