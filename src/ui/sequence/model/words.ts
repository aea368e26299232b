/** Small wording helpers for message texts and captions. */

export function capitalize(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** A caption's subject at the start of a sentence: "The scheduler", but "kubectl" stays. */
export function sentence(subject: string): string {
  return subject.startsWith('the ') ? capitalize(subject) : subject;
}

/** "reports" / "report" for a one-node lane or a shared one. */
export function agree(who: { readonly plural?: boolean }, singular: string, plural: string): string {
  return who.plural ? plural : singular;
}

/** Pod → Pods, Ingress → Ingresses, NetworkPolicy → NetworkPolicies, Endpoints → Endpoints. */
export function pluralKind(kind: string): string {
  if (kind.endsWith('s')) return kind === 'Endpoints' ? kind : `${kind}es`;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}

export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Fills a folded template: `{n}` the count, `{nodes}` one node's name or "k nodes". */
export function fill(template: string, n: number, nodes: readonly string[]): string {
  const nodeText = nodes.length === 1 ? nodes[0]! : countOf(nodes.length, 'node');
  return template.replace(/\{n\}/g, String(n)).replace(/\{nodes\}/g, nodeText);
}

const WATCH_VERB: Record<string, string> = { ADDED: 'was added', MODIFIED: 'changed', DELETED: 'was deleted' };

export function watchVerb(type: string): string {
  return WATCH_VERB[type] ?? type.toLowerCase();
}
