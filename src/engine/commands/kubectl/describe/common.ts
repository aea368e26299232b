import type { Invocation } from '../../invocation';
import type { KubeEvent, KubeObject, Taint, Toleration } from '../../../api/types';
import { parseTimestamp } from '../../../sim/time';
import { since } from '../../format/duration';
import { taintString } from '../taint-spec';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printLabelsMultilineWithIndent. */
export function printLabels(w: PrefixWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

/** printAnnotationsMultilineWithIndent: last-applied-configuration hidden, long values shortened. */
export function printAnnotations(w: PrefixWriter, title: string, annotations: Readonly<Record<string, string>> | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  const indent = `${initialIndent}\t`;
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
    } else {
      w.write(LEVEL_0, `${k}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerations(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** printTaintsMultilineWithIndent: sorted by effect then key. */
export function printTaints(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const key = (t: Taint): string => `${t.effect},${t.key}`;
  const list = [...(taints ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (list.length === 0) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** `ReplicaSet/web-5dd5756b68` from the controller owner reference. */
export function controlledBy(obj: KubeObject): string | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((o) => o.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

/**
 * The events kubectl shows for an object: same kind, name and namespace (and uid when both
 * sides carry one, so a recreated pod's predecessor's events stay out).
 */
export function eventsFor(inv: Invocation, obj: KubeObject): KubeEvent[] {
  const res = inv.host.api.list<KubeEvent>(inv.req, 'events', {
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    fieldSelector: { 'involvedObject.kind': obj.kind, 'involvedObject.name': obj.metadata.name },
  });
  if (!res.ok) return [];
  const uid = obj.metadata.uid;
  return res.value.items.filter((e) => obj.kind === 'Node' || !uid || !e.involvedObject?.uid || e.involvedObject.uid === uid);
}

/** DescribeEvents: flushes first so the events table aligns on its own. */
export function describeEvents(w: PrefixWriter, events: readonly KubeEvent[], nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // By last seen (SortableEvents); same-second ties in write order, as the real events' time-based names give.
  const rv = (e: KubeEvent): number => Number(e.metadata.resourceVersion ?? 0);
  const sorted = [...events].sort((a, b) => (parseTimestamp(a.lastTimestamp) ?? 0) - (parseTimestamp(b.lastTimestamp) ?? 0) || rv(a) - rv(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = since(e.firstTimestamp, nowMs);
    const age = (e.count ?? 1) > 1 ? `${since(e.lastTimestamp, nowMs)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${age}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
