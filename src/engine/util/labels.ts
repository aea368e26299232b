import type { LabelSelector, LabelSelectorRequirement } from '../api/types';

export type Labels = Readonly<Record<string, string>> | undefined;

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
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
  }
}

/** metav1.LabelSelector semantics: an empty selector matches everything; undefined matches nothing. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  // for-in over the JSON-shaped map: Object.entries would allocate an array per pair on every pod event.
  const ml = selector.matchLabels;
  for (const k in ml) if (labels?.[k] !== ml[k]) return false;
  const exprs = selector.matchExpressions;
  // No `?? []`: an empty array per call when absent (the usual selector).
  if (exprs) for (const req of exprs) if (!requirementMatches(req, labels)) return false;
  return true;
}

/** A map selector (Service.spec.selector, nodeSelector): empty/undefined matches nothing for services. */
export function mapSelectorMatches(selector: Readonly<Record<string, string>> | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const k in selector) if (labels?.[k] !== selector[k]) return false;
  return true;
}

export interface SelectorParseError {
  error: string;
}

/**
 * Parses kubectl's `-l` syntax: `app=web,tier!=db,env in (a,b),!legacy,release`.
 */
export function parseLabelSelector(text: string): LabelSelector | SelectorParseError {
  const reqs: LabelSelectorRequirement[] = [];
  const matchLabels: Record<string, string> = {};
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) return { error: `unable to parse requirement: found '(', expected: ')'` };
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const values = m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '');
      reqs.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(p))) {
      if (m[2] === '!=') reqs.push({ key: m[1]!, operator: 'NotIn', values: [m[3]!] });
      else matchLabels[m[1]!] = m[3]!;
    } else if ((m = /^!([\w./-]+)$/.exec(p))) {
      reqs.push({ key: m[1]!, operator: 'DoesNotExist' });
    } else if ((m = /^([\w./-]+)$/.exec(p))) {
      reqs.push({ key: m[1]!, operator: 'Exists' });
    } else {
      return { error: `unable to parse requirement: <nil>: Invalid value: "${p}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'` };
    }
  }
  const sel: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) sel.matchLabels = matchLabels;
  if (reqs.length > 0) sel.matchExpressions = reqs;
  return sel;
}

/** Formats a selector the way kubectl prints it (`app=web,tier in (a,b)`). */
export function formatSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator.toLowerCase()} (${(r.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}
