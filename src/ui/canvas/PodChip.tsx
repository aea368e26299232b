import { memo, type MouseEvent } from 'react';
import type { PodRecord } from '../../protocol/records';
import { countdown, podSuffix, shortStatus } from '../format';
import { selectNowMs, useMirror } from '../mirror/store';
import { useUi } from '../ui-store';

/** "evicted in 4:12": re-renders with the clock, so only chips that count down subscribe to it. */
function Countdown({ atMs, prefix }: { atMs: number; prefix: string }) {
  const now = useMirror(selectNowMs);
  return (
    <span className="k-countdown">
      {prefix} {countdown(atMs - now)}
    </span>
  );
}

export function podTitle(p: PodRecord): string {
  const owner = p.workloadKind ? `${p.workloadKind} ${p.workloadName}` : 'no owner';
  return `${p.namespace}/${p.name}\n${p.status}  ${p.readyText} ready  ${p.restarts} restarts\n${owner}`;
}

/**
 * One click handler per pod list (event delegation), not one per chip: thousands of chips
 * then cost no subscriptions or closures. Chips carry their identity in data attributes.
 */
export function onPodListClick(e: MouseEvent<HTMLElement>): void {
  const target = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-pod-key]') : null;
  if (!target || target.getAttribute('aria-hidden') === 'true') return;
  e.stopPropagation();
  const { podKey, podNs, podName } = target.dataset;
  if (podKey && podNs && podName) useUi.getState().select({ kind: 'pod', key: podKey, namespace: podNs, name: podName });
}

export const PodChip = memo(function PodChip({ pod, compact, leaving }: { pod: PodRecord; compact: boolean; leaving?: boolean }) {
  const data = { 'data-pod-key': pod.key, 'data-pod-ns': pod.namespace, 'data-pod-name': pod.name };
  const cls = `k-pod tone-${pod.tone}${pod.system ? ' is-system' : ''}${leaving ? ' is-leaving' : ''} nodrag`;
  if (compact) {
    return <button type="button" className={`${cls} is-compact`} aria-label={`Pod ${pod.name}`} aria-hidden={leaving || undefined} tabIndex={leaving ? -1 : undefined} title={podTitle(pod)} {...data} />;
  }
  const owner = pod.workloadName ?? pod.name;
  const evicting = pod.evictAtMs !== null && pod.deleteAtMs === null;
  return (
    <button type="button" className={cls} aria-label={`Pod ${pod.name}`} aria-hidden={leaving || undefined} tabIndex={leaving ? -1 : undefined} title={podTitle(pod)} {...data}>
      <span className="k-pod-owner">
        {owner}
        <span className="k-pod-suffix">{pod.workloadName ? ` ${podSuffix(pod.name, pod.workloadName)}` : ''}</span>
      </span>
      <span className="k-pod-status">
        {evicting && pod.evictAtMs !== null ? <Countdown atMs={pod.evictAtMs} prefix="evicted in" /> : `${shortStatus(pod.status)}${pod.restarts > 0 ? ` ↻${pod.restarts}` : ''}`}
      </span>
    </button>
  );
});
