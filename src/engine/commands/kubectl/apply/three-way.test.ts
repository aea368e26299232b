import { describe, expect, it } from 'vitest';
import { mergePatchBetween, threeWayMerge } from './three-way';

describe('threeWayMerge', () => {
  it('keeps what the server defaulted and others set, inside list elements matched by name', () => {
    const original = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } };
    const live = {
      metadata: { name: 'web', uid: 'u1', resourceVersion: '7' },
      spec: { replicas: 3, revisionHistoryLimit: 10, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }], dnsPolicy: 'ClusterFirst' } } },
      status: { replicas: 3 },
    };
    expect(threeWayMerge(original, original, live)).toEqual(live);
    expect(mergePatchBetween(live, threeWayMerge(original, original, live))).toEqual({});
  });

  it('applies changes and removes fields dropped from the manifest, but not fields it never owned', () => {
    const original = { spec: { replicas: 3, paused: false } };
    const modified = { spec: { replicas: 5 } };
    const live = { spec: { replicas: 3, paused: false, revisionHistoryLimit: 10 } };
    expect(threeWayMerge(original, modified, live)).toEqual({ spec: { replicas: 5, revisionHistoryLimit: 10 } });
    expect(mergePatchBetween(live, threeWayMerge(original, modified, live))).toEqual({ spec: { replicas: 5, paused: null } });
  });

  it('merges keyed lists element by element and replaces unkeyed ones', () => {
    const original = { containers: [{ name: 'a', image: '1', args: ['x'] }, { name: 'b', image: '1' }] };
    const modified = { containers: [{ name: 'a', image: '2', args: ['y', 'z'] }] };
    const live = { containers: [{ name: 'a', image: '1', args: ['x'], tty: false }, { name: 'b', image: '1' }, { name: 'injected', image: 'proxy' }] };
    expect(threeWayMerge(original, modified, live)).toEqual({ containers: [{ name: 'a', image: '2', args: ['y', 'z'], tty: false }, { name: 'injected', image: 'proxy' }] });
  });

  it('merges container ports by containerPort and service ports by port', () => {
    const live = { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] };
    expect(threeWayMerge(undefined, { ports: [{ port: 80, targetPort: 8080 }] }, live)).toEqual(live);
  });

  it('deletes a field set to null in the manifest', () => {
    expect(threeWayMerge({}, { spec: { paused: null } }, { spec: { paused: true, replicas: 1 } })).toEqual({ spec: { replicas: 1 } });
  });
});
