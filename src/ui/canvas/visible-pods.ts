import type { PodRecord } from '../../protocol/records';

/** kube-proxy is drawn as the node's own chip, not as a pod; kube-system pods only on request. */
export function isVisiblePod(p: PodRecord, showSystem: boolean): boolean {
  return (p.ownerKind !== 'DaemonSet' || !p.name.startsWith('kube-proxy')) && (showSystem || !p.system);
}

export function visiblePods(pods: readonly PodRecord[], showSystem: boolean): PodRecord[] {
  return pods.filter((p) => isVisiblePod(p, showSystem));
}

const CONTROL_PLANE_STATIC = /^(kube-apiserver|kube-controller-manager|kube-scheduler|etcd)-/;

/** A kubeadm control plane's own static pod (its mirror pod is owned by the Node): the canvas draws it as a component box. */
export function isControlPlaneStatic(p: PodRecord): boolean {
  return p.ownerKind === 'Node' && CONTROL_PLANE_STATIC.test(p.name);
}

/** Pods drawn as chips on the canvas: the visible ones, less the static control-plane pods. */
export function isCanvasPod(p: PodRecord, showSystem: boolean): boolean {
  return isVisiblePod(p, showSystem) && !isControlPlaneStatic(p);
}

export function canvasPods(pods: readonly PodRecord[], showSystem: boolean): PodRecord[] {
  return pods.filter((p) => isCanvasPod(p, showSystem));
}

/** "30 pods: 27 Running, 3 CrashLoopBackOff" — what a screen reader hears for a node's pod squares. */
export function podsSummary(pods: readonly PodRecord[]): string {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s, n]) => `${n} ${s}`);
  return `${pods.length} pod${pods.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
