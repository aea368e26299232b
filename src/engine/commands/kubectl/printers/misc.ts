import type { KubeEvent, KubeObject, Lease, Namespace } from '../../../api/types';
import { since } from '../../format/duration';
import { field, str, type PrintContext, type TablePrinter } from './table';

function countKeys(v: unknown): number {
  return v !== null && typeof v === 'object' ? Object.keys(v).length : 0;
}

export const genericPrinter: TablePrinter = {
  columns: ['NAME', 'AGE'],
  row: (obj, ctx) => [obj.metadata.name, since(obj.metadata.creationTimestamp, ctx.nowMs)],
};

export const namespacePrinter: TablePrinter = {
  columns: ['NAME', 'STATUS', 'AGE'],
  row: (obj, ctx) => [obj.metadata.name, (obj as Namespace).status?.phase ?? '', since(obj.metadata.creationTimestamp, ctx.nowMs)],
};

export const configMapPrinter: TablePrinter = {
  columns: ['NAME', 'DATA', 'AGE'],
  row: (obj, ctx) => [obj.metadata.name, String(countKeys(obj.data) + countKeys(obj.binaryData)), since(obj.metadata.creationTimestamp, ctx.nowMs)],
};

export const secretPrinter: TablePrinter = {
  columns: ['NAME', 'TYPE', 'DATA', 'AGE'],
  row: (obj, ctx) => [obj.metadata.name, str(obj.type) || 'Opaque', String(countKeys(obj.data)), since(obj.metadata.creationTimestamp, ctx.nowMs)],
};

export const serviceAccountPrinter: TablePrinter = {
  columns: ['NAME', 'SECRETS', 'AGE'],
  row: (obj, ctx) => [obj.metadata.name, String(Array.isArray(obj.secrets) ? obj.secrets.length : 0), since(obj.metadata.creationTimestamp, ctx.nowMs)],
};

export const leasePrinter: TablePrinter = {
  columns: ['NAME', 'HOLDER', 'AGE'],
  row: (obj, ctx) => [obj.metadata.name, (obj as Lease).spec?.holderIdentity ?? '', since(obj.metadata.creationTimestamp, ctx.nowMs)],
};

export const priorityClassPrinter: TablePrinter = {
  columns: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  row: (obj, ctx) => [
    obj.metadata.name,
    str(obj.value) || '0',
    obj.globalDefault === true ? 'true' : 'false',
    since(obj.metadata.creationTimestamp, ctx.nowMs),
    str(obj.preemptionPolicy) || 'PreemptLowerPriority',
  ],
};

export const pdbPrinter: TablePrinter = {
  columns: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  row: (obj, ctx) => [
    obj.metadata.name,
    str(field(obj, 'spec', 'minAvailable')) || 'N/A',
    str(field(obj, 'spec', 'maxUnavailable')) || 'N/A',
    str(field(obj, 'status', 'disruptionsAllowed')) || '0',
    since(obj.metadata.creationTimestamp, ctx.nowMs),
  ],
};

/** formatEventSource: component, plus `, host` when the event names one. */
function eventSource(ev: KubeEvent): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host ?? '';
  return host ? `${component}, ${host}` : component;
}

export const eventPrinter: TablePrinter = {
  columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideHeader: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const ev = obj as KubeEvent;
    const first = since(ev.firstTimestamp, ctx.nowMs);
    const last = ev.lastTimestamp ? since(ev.lastTimestamp, ctx.nowMs) : first;
    const io = ev.involvedObject ?? { kind: '', name: '' };
    const target = io.name ? `${io.kind.toLowerCase()}/${io.name}` : io.kind.toLowerCase();
    const message = (ev.message ?? '').trim();
    if (!ctx.wide) return [last, ev.type ?? '', ev.reason ?? '', target, message];
    return [last, ev.type ?? '', ev.reason ?? '', target, io.fieldPath ?? '', eventSource(ev), message, first, String(ev.count || 1), ev.metadata.name];
  },
};
