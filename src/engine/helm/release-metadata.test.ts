import { describe, expect, it } from 'vitest';
import { checkOwnership, withReleaseMetadata } from './release-metadata';
import { toGoValue, type GoMap } from './template/value';

describe('withReleaseMetadata', () => {
  it('adds the managed-by label and release annotations without touching the input', () => {
    const obj = toGoValue({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' } }, data: { n: 1n } }) as GoMap;
    const out = withReleaseMetadata(obj, 'web', 'prod');
    expect(out).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { a: 'b', 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': 'prod' } },
      data: { n: 1 },
    });
    expect(obj['metadata']).toEqual({ name: 'c', labels: { a: 'b' } });
  });
});

describe('checkOwnership', () => {
  const owned = { kind: 'Service', metadata: { name: 'web', namespace: 'prod', labels: { 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': 'prod' } } };

  it('accepts an object of the same release', () => {
    expect(checkOwnership(owned, 'web', 'prod')).toBeUndefined();
  });

  it('names every missing or different key, as Helm does', () => {
    expect(checkOwnership({ kind: 'Service', metadata: { name: 'web', namespace: 'prod' } }, 'web', 'prod')).toBe(
      'Service "web" in namespace "prod" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; annotation validation error: missing key "meta.helm.sh/release-name": must be set to "web"; annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "prod"',
    );
    expect(checkOwnership({ kind: 'ClusterRole', metadata: { name: 'reader' } }, 'web', 'prod')).toMatch(/^ClusterRole "reader" in namespace "" exists and cannot be imported/);
    expect(checkOwnership(owned, 'other', 'prod')).toBe(
      'Service "web" in namespace "prod" exists and cannot be imported into the current release: invalid ownership metadata; annotation validation error: key "meta.helm.sh/release-name" must equal "other": current value is "web"',
    );
  });
});
