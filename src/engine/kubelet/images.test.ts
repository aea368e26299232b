import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_BYTES, formatGoDuration, imageID, imageSizeBytes, parseImage, pullPolicy } from './images';

describe('parseImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['quay.io/signalfx/splunk-otel-collector:0.130.0', 'quay.io/signalfx/splunk-otel-collector:0.130.0'],
    [`nginx@sha256:${'a'.repeat(64)}`, `docker.io/library/nginx@sha256:${'a'.repeat(64)}`],
  ])('%s → %s', (image, full) => {
    const r = parseImage(image);
    expect(r.ok && r.ref.full).toBe(full);
  });

  it.each([
    ['Nginx', 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'Failed to apply default image tag "nginx:": couldn\'t parse image name "nginx:": invalid reference format'],
    ['ngi nx', 'Failed to apply default image tag "ngi nx": couldn\'t parse image name "ngi nx": invalid reference format'],
    ['', 'Failed to apply default image tag "": couldn\'t parse image name "": invalid reference format'],
  ])('rejects %j', (image, message) => {
    expect(parseImage(image)).toEqual({ ok: false, message });
  });
});

describe('pullPolicy', () => {
  const ref = (image: string) => {
    const r = parseImage(image);
    if (!r.ok) throw new Error(r.message);
    return r.ref;
  };
  it.each([
    ['nginx', undefined, 'Always'],
    ['nginx:latest', undefined, 'Always'],
    ['nginx:1.27', undefined, 'IfNotPresent'],
    ['nginx:1.27', 'Always', 'Always'],
    ['nginx', 'Never', 'Never'],
  ] as const)('%s with %s → %s', (image, given, want) => {
    expect(pullPolicy({ name: 'c', image, ...(given ? { imagePullPolicy: given } : {}) }, ref(image))).toBe(want);
  });
});

describe('image sizes and ids', () => {
  const sized = (image: string): number => {
    const r = parseImage(image);
    return r.ok ? imageSizeBytes(r.ref) : -1;
  };
  it('uses the catalogue, slimmer tags and a ±8 % stable wobble', () => {
    expect(sized('nginx:1.27')).toBeGreaterThan(66_000_000);
    expect(sized('nginx:1.27')).toBeLessThan(78_000_000);
    expect(sized('nginx:1.27-alpine')).toBeLessThan(sized('nginx:1.27') / 2);
    expect(sized('busybox:1.36')).toBeLessThan(3_000_000);
    expect(sized('nginx:1.27')).toBe(sized('nginx:1.27'));
    expect(Math.abs(sized('example.com/team/thing:v1') - DEFAULT_IMAGE_BYTES)).toBeLessThan(DEFAULT_IMAGE_BYTES * 0.09);
  });
  it('gives a digest id per reference', () => {
    const r = parseImage('nginx:1.27');
    expect(r.ok && imageID(r.ref)).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'], [851, '851ms'], [1000, '1s'], [2100, '2.1s'], [4046, '4.046s'], [60_000, '1m0s'], [80_000, '1m20s'], [300_000, '5m0s'], [3_723_500, '1h2m3.5s'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
