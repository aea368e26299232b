import { useEffect, useState } from 'react';
import type { ObjectRef, Query, ReplyBody } from '../../protocol/messages';
import { sim } from '../sim/instance';

const REFRESH_MS = 1000;

/**
 * Fetches on-demand data (object YAML, events, scheduling decision) for the inspector,
 * again when `version` changes (the live record changed), at most once a second.
 */
export function useQuery<K extends ReplyBody['kind']>(query: Query | null, kind: K, version: unknown): Extract<ReplyBody, { kind: K }> | null {
  const [result, setResult] = useState<{ id: string; body: Extract<ReplyBody, { kind: K }> } | null>(null);
  const id = query ? JSON.stringify(query) : '';
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const t = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearTimeout(t);
  }, [version, tick]);

  useEffect(() => {
    if (!id) return;
    let live = true;
    const q: Query = JSON.parse(id) as Query;
    sim.request(q).then(
      (body) => {
        if (live && body.kind === kind) setResult({ id, body: body as Extract<ReplyBody, { kind: K }> });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id, kind, tick]);

  return result && result.id === id ? result.body : null;
}

export function refKey(ref: ObjectRef | null): string {
  return ref ? `${ref.kind}/${ref.namespace ?? ''}/${ref.name}` : '';
}
