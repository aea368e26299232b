import { describe, expect, it } from 'vitest';
import { changesCluster, type ConsoleRequest } from './console';
import { checkPageMessage } from './validate';
import { PROTOCOL_VERSION } from './version';

describe('console protocol', () => {
  it.each<[ConsoleRequest, boolean]>([
    [{ kind: 'run', line: 'kubectl get pods' }, true],
    [{ kind: 'interrupt', commandKey: 'cmd-1' }, true],
    [{ kind: 'apply', text: '' }, true],
    [{ kind: 'edit', ref: { kind: 'Pod', name: 'x' }, original: '', text: '' }, true],
    [{ kind: 'output', commandKey: 'cmd-1', from: 0 }, false],
    [{ kind: 'editable', ref: { kind: 'Pod', name: 'x' } }, false],
    [{ kind: 'vocabulary' }, false],
    [{ kind: 'names', resource: 'pods', namespace: null }, false],
    [{ kind: 'export', includeHelm: false }, false],
  ])('%j changes the cluster: %s', (req, expected) => {
    expect(changesCluster(req)).toBe(expected);
  });

  it('console messages pass the envelope check', () => {
    expect(checkPageMessage({ type: 'console', v: PROTOCOL_VERSION, id: 1, request: { kind: 'vocabulary' } }).ok).toBe(true);
  });
});
