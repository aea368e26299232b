import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../../api/types';

type Labels = Readonly<Record<string, string>>;

/** Gt / Lt compare the label value and the single requirement value as integers. */
function compareInt(req: NodeSelectorRequirement, value: string | undefined, gt: boolean): boolean {
  if (value === undefined || (req.values ?? []).length !== 1) return false;
  const have = Number.parseInt(value, 10);
  const want = Number.parseInt(req.values![0]!, 10);
  if (Number.isNaN(have) || Number.isNaN(want)) return false;
  return gt ? have > want : have < want;
}

export function requirementMatches(req: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value!);
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return compareInt(req, value, true);
    case 'Lt':
      return compareInt(req, value, false);
    default:
      return false;
  }
}

/** matchFields supports only metadata.name (In / NotIn), as upstream. */
function fieldMatches(req: NodeSelectorRequirement, nodeName: string): boolean {
  if (req.key !== 'metadata.name') return false;
  if (req.operator === 'In') return (req.values ?? []).includes(nodeName);
  if (req.operator === 'NotIn') return !(req.values ?? []).includes(nodeName);
  return false;
}

/** A term ANDs its requirements; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  for (const r of fields) if (!fieldMatches(r, nodeName)) return false;
  return true;
}

/** Terms are ORed. */
export function anyTermMatches(terms: readonly NodeSelectorTerm[], labels: Labels, nodeName: string): boolean {
  for (const t of terms) if (termMatches(t, labels, nodeName)) return true;
  return false;
}

/** nodeSelector AND required node affinity (upstream GetRequiredNodeAffinity(pod).Match(node)). */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, labels: Labels, nodeName: string): boolean {
  const sel = pod.spec.nodeSelector;
  if (sel) for (const k in sel) if (labels[k] !== sel[k]) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return anyTermMatches(required.nodeSelectorTerms ?? [], labels, nodeName);
  return true;
}
