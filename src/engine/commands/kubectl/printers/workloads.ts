import type { DaemonSet, Deployment, KubeObject, ReplicaSet, StatefulSet } from '../../../api/types';
import { since } from '../../format/duration';
import { containersAndImages, formatLabels, formatLabelSelector, int, type PrintContext, type TablePrinter } from './table';

const WORKLOAD_WIDE = ['CONTAINERS', 'IMAGES', 'SELECTOR'];

export const deploymentPrinter: TablePrinter = {
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideColumns: WORKLOAD_WIDE,
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const d = obj as Deployment;
    const st = d.status ?? {};
    const cells = [d.metadata.name, `${int(st.readyReplicas)}/${int(d.spec?.replicas)}`, int(st.updatedReplicas), int(st.availableReplicas), since(d.metadata.creationTimestamp, ctx.nowMs)];
    if (ctx.wide) cells.push(...containersAndImages(d.spec?.template), formatLabelSelector(d.spec?.selector));
    return cells;
  },
};

export const replicaSetPrinter: TablePrinter = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideColumns: WORKLOAD_WIDE,
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const rs = obj as ReplicaSet;
    const st = rs.status;
    const cells = [rs.metadata.name, int(rs.spec?.replicas), int(st?.replicas), int(st?.readyReplicas), since(rs.metadata.creationTimestamp, ctx.nowMs)];
    if (ctx.wide) cells.push(...containersAndImages(rs.spec?.template), formatLabelSelector(rs.spec?.selector));
    return cells;
  },
};

export const daemonSetPrinter: TablePrinter = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideColumns: WORKLOAD_WIDE,
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const ds = obj as DaemonSet;
    const st = ds.status;
    const nodeSelector = formatLabels(ds.spec?.template?.spec?.nodeSelector);
    const cells = [
      ds.metadata.name, int(st?.desiredNumberScheduled), int(st?.currentNumberScheduled), int(st?.numberReady),
      int(st?.updatedNumberScheduled), int(st?.numberAvailable), nodeSelector, since(ds.metadata.creationTimestamp, ctx.nowMs),
    ];
    if (ctx.wide) cells.push(...containersAndImages(ds.spec?.template), formatLabelSelector(ds.spec?.selector));
    return cells;
  },
};

export const statefulSetPrinter: TablePrinter = {
  columns: ['NAME', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const sts = obj as StatefulSet;
    const cells = [sts.metadata.name, `${int(sts.status?.readyReplicas)}/${int(sts.spec?.replicas)}`, since(sts.metadata.creationTimestamp, ctx.nowMs)];
    if (ctx.wide) cells.push(...containersAndImages(sts.spec?.template));
    return cells;
  },
};
