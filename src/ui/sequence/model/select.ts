import type { InteractionRecord } from '../../../protocol';

/**
 * Which records of an operation the diagram draws, in the order things really happened.
 *
 * - The API server logs a write's etcd transaction before the request line (the request is
 *   logged once it has an answer); the request is moved back in front of its transaction.
 * - Left out: heartbeats, elections, traffic, Lease writes (node and leader heartbeats are
 *   not about the operation); 2xx answers to components (the arrow of the request already
 *   says it worked; errors stay, and every answer to You stays).
 * - Event writes are counted, not drawn: each window ends with a note of how many.
 * - A watch delivery is drawn only for a component that goes on to act on that object (a
 *   controller: or on one it owns, by name: `web` → `web-7d9f8c6b5` → `web-7d9f8c6b5-x2k4p`),
 *   and only the first one: most controllers hear about every Pod, few do anything about it.
 * - A kubelet's `PUT pods/<p>/status` becomes one `status Running` message.
 */

export type Picked =
  | { readonly type: 'record'; readonly rec: InteractionRecord; readonly status?: string }
  | { readonly type: 'event' };

const NEVER_DRAWN = new Set<InteractionRecord['kind']>(['heartbeat', 'election', 'traffic']);
/** How far after a kubelet's status PUT its `status <phase>` record may come. */
const STATUS_LOOKAHEAD = 4;

const isUser = (id: string): boolean => id.startsWith('user/') || id === 'helm' || id === 'kubectl';
const ok2xx = (code: number | undefined): boolean => code !== undefined && code >= 200 && code < 300;

function refKey(r: InteractionRecord): string | undefined {
  return r.ref ? `${r.ref.namespace ?? ''}/${r.ref.name}` : undefined;
}

/** Request first, then the etcd transactions it caused. */
export function causalOrder(records: readonly InteractionRecord[]): InteractionRecord[] {
  const out: InteractionRecord[] = [];
  let pending: InteractionRecord[] = [];
  for (const r of records) {
    if (r.kind === 'etcd') {
      pending.push(r);
      continue;
    }
    if (r.kind === 'request') {
      out.push(r, ...pending);
    } else {
      out.push(...pending, r);
    }
    pending = [];
  }
  out.push(...pending);
  return out;
}

interface Action {
  readonly index: number;
  readonly ns: string;
  readonly name: string;
}

/** Who does what to which object, by component, in order. */
function actionsByComponent(records: readonly InteractionRecord[]): Map<string, Action[]> {
  const out = new Map<string, Action[]>();
  records.forEach((r, index) => {
    if (r.kind === 'watch' || r.kind === 'response' || r.kind === 'etcd' || !r.ref) return;
    let list = out.get(r.from);
    if (!list) out.set(r.from, (list = []));
    list.push({ index, ns: r.ref.namespace ?? '', name: r.ref.name });
  });
  return out;
}

/** Controllers act on what an object owns (a ReplicaSet's Pods); others on the object itself. */
function actsOn(actions: readonly Action[] | undefined, after: number, ns: string, name: string, owners: boolean): boolean {
  if (!actions) return false;
  const child = `${name}-`;
  for (const a of actions) {
    if (a.index > after && a.ns === ns && (a.name === name || (owners && a.name.startsWith(child)))) return true;
  }
  return false;
}

function statusFor(records: readonly InteractionRecord[], i: number, used: Set<number>): string | undefined {
  const req = records[i]!;
  if (!req.from.startsWith('kubelet/') || !/^PUT \S+\/pods\/[^/]+\/status$/.test(req.label)) return undefined;
  for (let j = i + 1; j < records.length && j <= i + STATUS_LOOKAHEAD; j++) {
    const r = records[j]!;
    if (r.kind === 'kubelet' && r.from === req.from && r.label.startsWith('status ') && refKey(r) === refKey(req)) {
      used.add(j);
      return r.label.slice('status '.length);
    }
  }
  return undefined;
}

export function pickRecords(input: readonly InteractionRecord[]): Picked[] {
  const records = causalOrder(input.filter((r) => !NEVER_DRAWN.has(r.kind) && r.ref?.kind !== 'Lease'));
  const actions = actionsByComponent(records);
  const seen = new Set<string>();
  const used = new Set<number>();
  const out: Picked[] = [];
  records.forEach((r, i) => {
    if (used.has(i)) return;
    if (r.ref?.kind === 'Event') {
      if (r.kind === 'request') out.push({ type: 'event' });
      return;
    }
    if (r.kind === 'response' && !isUser(r.to) && ok2xx(r.code)) return;
    if (r.kind === 'watch') {
      const key = `${r.to}|${r.ref?.kind ?? ''}|${refKey(r) ?? ''}`;
      if (!r.ref || seen.has(key) || !actsOn(actions.get(r.to), i, r.ref.namespace ?? '', r.ref.name, r.to.startsWith('kcm/'))) return;
      seen.add(key);
    }
    if (r.kind === 'request' && r.from.startsWith('kubelet/')) {
      const status = statusFor(records, i, used);
      if (status !== undefined) {
        out.push({ type: 'record', rec: r, status });
        return;
      }
    }
    out.push({ type: 'record', rec: r });
  });
  return out;
}
