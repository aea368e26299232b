import { describe, expect, it } from 'vitest';
import { defaultOperation, isReadOnly } from './OperationPicker';

describe('operation picker', () => {
  it.each([
    ['kubectl get pods -o wide', true],
    ['kubectl describe pod web-1', true],
    ['helm list -A', true],
    ['kubectl apply -f web.yaml', false],
    ['helm install otel splunk/splunk-otel-collector', false],
    ['sandbox kill node worker-2', false],
    ['kubectl getaway', false],
  ])('%s read-only: %s', (cmd, want) => {
    expect(isReadOnly(cmd)).toBe(want);
  });

  it('opens on the newest operation that changed something', () => {
    const op = (id: number, command: string) => ({ id, command, startedMs: id, source: 'user' as const });
    expect(defaultOperation([op(1, 'kubectl apply -f a.yaml'), op(2, 'kubectl get pods'), op(3, 'kubectl get nodes')])).toBe(1);
    expect(defaultOperation([op(1, 'kubectl get pods')])).toBe(1);
    expect(defaultOperation([])).toBeNull();
  });
});
