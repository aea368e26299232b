import { describe, expect, it } from 'vitest';
import { actionCommand, actionLabel } from './actions';
import type { Action } from './messages';

describe('actionCommand', () => {
  it.each<[Action, string, string]>([
    [{ kind: 'killNode', node: 'worker-2' }, 'sandbox kill node worker-2', 'Kill node'],
    [{ kind: 'restoreNode', node: 'worker-2' }, 'sandbox restore node worker-2', 'Restore node'],
    [{ kind: 'cordon', node: 'w' }, 'kubectl cordon w', 'Cordon'],
    [{ kind: 'uncordon', node: 'w' }, 'kubectl uncordon w', 'Uncordon'],
    [{ kind: 'drain', node: 'w' }, 'kubectl drain w --ignore-daemonsets --delete-emptydir-data', 'Drain'],
    [{ kind: 'deletePod', namespace: 'default', pod: 'web-1' }, 'kubectl delete pod web-1 -n default', 'Delete'],
    [{ kind: 'scale', namespace: 'default', deployment: 'web', replicas: 3 }, 'kubectl scale deployment web -n default --replicas=3', 'Scale'],
  ])('%j → %s', (action, command, label) => {
    expect(actionCommand(action)).toBe(command);
    expect(actionLabel(action)).toBe(label);
  });
});
