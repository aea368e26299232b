import type { Condition, DaemonSet, Deployment, KubeObject, Pod, ReplicaSet, Service, StatefulSet } from '../../api/types';
import { findNewReplicaSet, maxUnavailable } from '../../controllers/deployment/util';
import { scaledValue } from '../../controllers/shared/int-or-percent';
import { isPodReady } from '../../controllers/shared/pod-util';
import type { HelmContext } from './context';
import { nsArg, type KubeResource } from './kube';

/**
 * Helm 3's ReadyChecker (pkg/kube/ready.go) as `--wait` uses it: each resource is fetched
 * and judged by its kind; anything not listed counts as ready.
 */

function condition(obj: KubeObject, type: string): Condition | undefined {
  const status = obj.status;
  if (status === null || typeof status !== 'object' || !('conditions' in status) || !Array.isArray(status.conditions)) return undefined;
  return status.conditions.find((c: Condition) => c.type === type);
}

function deploymentReady(ctx: HelmContext, d: Deployment): boolean {
  if (d.spec.paused) return true;
  if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return false;
  const rss = ctx.api.list<ReplicaSet>(ctx.req, 'replicasets', { namespace: d.metadata.namespace, labelSelector: d.spec.selector });
  if (!rss.ok) return false;
  const owned = rss.value.items.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === d.metadata.uid));
  const newRS = findNewReplicaSet(d, owned);
  if (!newRS) return false;
  const expected = (d.spec.replicas ?? 1) - maxUnavailable(d);
  return (newRS.status?.readyReplicas ?? 0) >= expected;
}

function daemonSetReady(ds: DaemonSet): boolean {
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return true;
  const s = ds.status;
  if (!s || (s.observedGeneration ?? 0) < (ds.metadata.generation ?? 0)) return false;
  if ((s.updatedNumberScheduled ?? 0) !== s.desiredNumberScheduled) return false;
  const maxUnavail = scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, s.desiredNumberScheduled, true) ?? 1;
  return s.numberReady >= s.desiredNumberScheduled - maxUnavail;
}

function statefulSetReady(sts: StatefulSet): boolean {
  if ((sts.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return true;
  const s = sts.status;
  if (!s || (s.observedGeneration ?? 0) < (sts.metadata.generation ?? 0)) return false;
  const replicas = sts.spec.replicas ?? 1;
  const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  if ((s.updatedReplicas ?? 0) < replicas - partition) return false;
  if ((s.readyReplicas ?? 0) !== replicas) return false;
  return partition > 0 || s.currentRevision === s.updateRevision;
}

function serviceReady(svc: Service): boolean {
  if (svc.spec.type === 'ExternalName') return true;
  if (!svc.spec.clusterIP) return false;
  if (svc.spec.type !== 'LoadBalancer') return true;
  const externalIPs = (svc.spec as { externalIPs?: unknown }).externalIPs;
  if (Array.isArray(externalIPs) && externalIPs.length > 0) return true;
  return (svc.status?.loadBalancer?.ingress?.length ?? 0) > 0;
}

/** Whether one resource of the release is ready, judged on its live state. */
export function isReady(ctx: HelmContext, res: KubeResource, waitForJobs = false): boolean {
  const got = ctx.api.get(ctx.req, res.r.resource, nsArg(res), res.name);
  if (!got.ok) return false;
  const obj = got.value;
  switch (res.r.kind) {
    case 'Pod':
      return isPodReady(obj as Pod);
    case 'Deployment':
      return deploymentReady(ctx, obj as Deployment);
    case 'DaemonSet':
      return daemonSetReady(obj as DaemonSet);
    case 'StatefulSet':
      return statefulSetReady(obj as StatefulSet);
    case 'ReplicaSet': {
      const rs = obj as ReplicaSet;
      return (rs.status?.readyReplicas ?? 0) >= (rs.spec.replicas ?? 1);
    }
    case 'Service':
      return serviceReady(obj as Service);
    case 'PersistentVolumeClaim': {
      const phase = (obj.status as { phase?: unknown } | undefined)?.phase;
      return phase === 'Bound';
    }
    case 'CustomResourceDefinition':
      return condition(obj, 'Established')?.status === 'True';
    case 'Job': {
      if (!waitForJobs) return true;
      const complete = condition(obj, 'Complete')?.status === 'True';
      return complete;
    }
    default:
      return true;
  }
}
