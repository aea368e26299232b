import type { Action } from './messages';
import { assertNever } from './version';

/**
 * The command line each page action runs. Actions go through the same command language as
 * the console and timelines, so they are real engine actions and land in the logs.
 */
export function actionCommand(a: Action): string {
  switch (a.kind) {
    case 'killNode':
      return `sandbox kill node ${a.node}`;
    case 'restoreNode':
      return `sandbox restore node ${a.node}`;
    case 'cordon':
      return `kubectl cordon ${a.node}`;
    case 'uncordon':
      return `kubectl uncordon ${a.node}`;
    case 'drain':
      return `kubectl drain ${a.node} --ignore-daemonsets --delete-emptydir-data`;
    case 'deletePod':
      return `kubectl delete pod ${a.pod} -n ${a.namespace}`;
    case 'scale':
      return `kubectl scale deployment ${a.deployment} -n ${a.namespace} --replicas=${a.replicas}`;
    default:
      return assertNever(a, 'action');
  }
}

/** Human label for buttons and the events panel. */
export function actionLabel(a: Action): string {
  switch (a.kind) {
    case 'killNode':
      return 'Kill node';
    case 'restoreNode':
      return 'Restore node';
    case 'cordon':
      return 'Cordon';
    case 'uncordon':
      return 'Uncordon';
    case 'drain':
      return 'Drain';
    case 'deletePod':
      return 'Delete';
    case 'scale':
      return 'Scale';
    default:
      return assertNever(a, 'action');
  }
}
