import { cronJobPrinter, jobPrinter } from './jobs';
import {
  configMapPrinter, eventPrinter, genericPrinter, leasePrinter, namespacePrinter, pdbPrinter,
  priorityClassPrinter, secretPrinter, serviceAccountPrinter,
} from './misc';
import { endpointSlicePrinter, endpointsPrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter, servicePrinter } from './network';
import { nodePrinter } from './nodes';
import { podPrinter } from './pods';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage';
import type { TablePrinter } from './table';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads';

const PRINTERS = new Map<string, TablePrinter>([
  ['Pod', podPrinter],
  ['Node', nodePrinter],
  ['Deployment', deploymentPrinter],
  ['ReplicaSet', replicaSetPrinter],
  ['DaemonSet', daemonSetPrinter],
  ['StatefulSet', statefulSetPrinter],
  ['Job', jobPrinter],
  ['CronJob', cronJobPrinter],
  ['Service', servicePrinter],
  ['EndpointSlice', endpointSlicePrinter],
  ['Endpoints', endpointsPrinter],
  ['Ingress', ingressPrinter],
  ['IngressClass', ingressClassPrinter],
  ['NetworkPolicy', networkPolicyPrinter],
  ['Namespace', namespacePrinter],
  ['Event', eventPrinter],
  ['Lease', leasePrinter],
  ['ConfigMap', configMapPrinter],
  ['Secret', secretPrinter],
  ['ServiceAccount', serviceAccountPrinter],
  ['PriorityClass', priorityClassPrinter],
  ['PodDisruptionBudget', pdbPrinter],
  ['StorageClass', storageClassPrinter],
  ['PersistentVolume', persistentVolumePrinter],
  ['PersistentVolumeClaim', persistentVolumeClaimPrinter],
]);

/** The table printer for a kind; kinds without one print `NAME AGE`, as for custom resources. */
export function printerFor(kind: string): TablePrinter {
  return PRINTERS.get(kind) ?? genericPrinter;
}
