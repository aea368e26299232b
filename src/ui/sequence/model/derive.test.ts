import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../protocol';
import { deriveStep, MAX_ARROW_TEXT } from './derive';
import { ParticipantMap } from './participants';

/** One record → one message: its text on the arrow, its caption in plain words. */

const ctx = { lanes: new ParticipantMap(false, 2), podNode: new Map([['web-1-abcde', 'worker-2']]), flavor: 'kubectl' as const };
const rec = (r: Partial<InteractionRecord> & Pick<InteractionRecord, 'kind' | 'from' | 'to' | 'label'>): InteractionRecord => ({ seq: 1, tMs: 0, opId: 1, ...r });
const pod = { kind: 'Pod', namespace: 'default', name: 'web-1-abcde' };

describe('deriveStep', () => {
  it.each([
    [rec({ kind: 'request', from: 'user/kubectl', to: 'apiserver', label: 'POST /apis/apps/v1/namespaces/default/deployments', ref: { kind: 'Deployment', namespace: 'default', name: 'web' } }),
      'POST /apis/apps/v1/namespaces/default/deployments', 'kubectl asks the API server to create Deployment web (POST).', 'call'],
    [rec({ kind: 'etcd', from: 'apiserver', to: 'etcd', label: 'txn put /registry/deployments/default/web', ref: { kind: 'Deployment', namespace: 'default', name: 'web' } }),
      'txn put /registry/deployments/default/web', 'The API server stores the Deployment web in etcd (/registry/deployments/default/web).', 'call'],
    [rec({ kind: 'response', from: 'apiserver', to: 'user/kubectl', label: '201 Created', code: 201 }), '201 Created', 'The API server answers kubectl: 201 Created.', 'reply'],
    [rec({ kind: 'watch', from: 'apiserver', to: 'kcm/deployment-controller', label: 'watch ADDED Deployment web', ref: { kind: 'Deployment', namespace: 'default', name: 'web' } }),
      'watch ADDED Deployment web', 'The API server tells the Deployment controller that Deployment web was added.', 'notify'],
    [rec({ kind: 'request', from: 'kcm/deployment-controller', to: 'apiserver', label: 'POST /apis/apps/v1/namespaces/default/replicasets', ref: { kind: 'ReplicaSet', namespace: 'default', name: 'web-1' } }),
      'create ReplicaSet web-1', 'The Deployment controller asks the API server to create ReplicaSet web-1.', 'call'],
    [rec({ kind: 'request', from: 'scheduler', to: 'apiserver', label: 'POST /api/v1/namespaces/default/pods/web-1-abcde/binding', ref: pod }),
      'bind web-1-abcde → worker-2', 'The scheduler binds pod web-1-abcde to worker-2: the API server sets spec.nodeName.', 'call'],
    [rec({ kind: 'runtime', from: 'kubelet/worker-2', to: 'runtime/worker-2', label: 'pull nginx:1.27', ref: pod }),
      'pull nginx:1.27', 'The kubelet on worker-2 asks the container runtime to pull the image nginx:1.27 from the registry.', 'call'],
    [rec({ kind: 'kubelet', from: 'kubelet/worker-2', to: 'kubelet/worker-2', label: 'admit pod web-1-abcde', ref: pod }),
      'admit pod web-1-abcde', 'The kubelet on worker-2 admits pod web-1-abcde: it fits and may run here.', 'self'],
  ])('%#: %s', (r, text, caption, arrow) => {
    const s = deriveStep(r, ctx);
    expect([s.text, s.caption, s.arrow]).toEqual([text, caption, arrow]);
  });

  it('turns a kubelet status write into "status <phase>"', () => {
    const s = deriveStep(rec({ kind: 'request', from: 'kubelet/worker-2', to: 'apiserver', label: 'PUT /api/v1/namespaces/default/pods/web-1-abcde/status', ref: pod }), ctx, 'Running');
    expect([s.text, s.caption]).toEqual(['status Running', 'The kubelet on worker-2 reports pod web-1-abcde as Running.']);
  });

  it('clips a long label on the arrow but keeps it whole in the caption', () => {
    const label = `helm install otel ${'x'.repeat(200)}`;
    const s = deriveStep(rec({ kind: 'helm', from: 'user/helm', to: 'user/helm', label, phase: 'command' }), ctx);
    expect(Array.from(s.text)).toHaveLength(MAX_ARROW_TEXT);
    expect(s.caption).toContain(label);
    expect(s.phase).toBe('command');
  });
});
