/** PersistentVolumeClaim, PersistentVolume, StorageClass and PodDisruptionBudget: the rules users hit first. */
import type { FieldError } from '../status';
import type { KubeObject } from '../types';
import { invalidValue, required, unsupported } from './errors';
import { validateObjectMeta } from './meta';
import { arrayAt, isRecord, recordAt, type Json } from './shape';
import { specToCheck } from './workloads';
import { isValidQuantity } from '../../util/quantity';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const VOLUME_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'cephfs', 'rbd'];

function accessModes(spec: Json, path: string): FieldError[] {
  const modes = arrayAt(spec, 'accessModes');
  if (!modes || modes.length === 0) return [required(`${path}.accessModes`, 'at least 1 access mode is required')];
  return modes.filter((m) => typeof m !== 'string' || !ACCESS_MODES.includes(m)).map((m) => unsupported(`${path}.accessModes`, m, ACCESS_MODES));
}

function storageQuantity(list: Json | undefined, path: string): FieldError[] {
  const v = list?.storage;
  if (v === undefined) return [required(`${path}[storage]`)];
  return isValidQuantity(v) ? [] : [invalidValue(`${path}[storage]`, v, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")];
}

export function validatePersistentVolumeClaim(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec || old) return errs;
  errs.push(...accessModes(spec, 'spec'));
  errs.push(...storageQuantity(recordAt(recordAt(spec, 'resources'), 'requests'), 'spec.resources'));
  return errs;
}

export function validatePersistentVolume(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec || old) return errs;
  errs.push(...accessModes(spec, 'spec'));
  const capacity = recordAt(spec, 'capacity');
  if (!capacity) errs.push(required('spec.capacity'));
  else errs.push(...storageQuantity(capacity, 'spec.capacity'));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy !== undefined && (typeof policy !== 'string' || !RECLAIM_POLICIES.includes(policy))) errs.push(unsupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));
  if (!VOLUME_SOURCES.some((s) => isRecord(spec[s]))) errs.push(required('spec', 'must specify a volume type'));
  return errs;
}

export function validateStorageClass(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs = validateObjectMeta(obj, old);
  if (typeof obj.provisioner !== 'string' || obj.provisioner === '') errs.push(required('provisioner'));
  const mode = obj.volumeBindingMode;
  if (mode !== undefined && (typeof mode !== 'string' || !BINDING_MODES.includes(mode))) errs.push(unsupported('volumeBindingMode', mode, BINDING_MODES));
  const policy = obj.reclaimPolicy;
  if (policy !== undefined && (typeof policy !== 'string' || !['Delete', 'Retain'].includes(policy))) errs.push(unsupported('reclaimPolicy', policy, ['Delete', 'Retain']));
  if (old && old.provisioner !== obj.provisioner) errs.push(invalidValue('provisioner', obj.provisioner, 'updates to provisioner are forbidden.'));
  return errs;
}

function intOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? [] : [invalidValue(path, v, 'must be greater than or equal to 0')];
  if (typeof v === 'string' && /^\d+%$/.test(v)) return Number.parseInt(v, 10) <= 100 ? [] : [invalidValue(path, v, 'must not be greater than 100%')];
  return [invalidValue(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
}

export function validatePodDisruptionBudget(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  errs.push(...intOrPercent(spec.minAvailable, 'spec.minAvailable'), ...intOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) errs.push(invalidValue('spec', spec, 'minAvailable and maxUnavailable cannot be both set', '{...}'));
  return errs;
}
