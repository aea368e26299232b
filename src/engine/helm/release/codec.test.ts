import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadChart } from '../chart';
import { WEBAPP_CHART } from '../charts/webapp';
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from '../template/encoding';
import { toGoValue, type GoMap } from '../template/value';
import { decodeRelease, encodeRelease, releaseJson } from './codec';
import { ansic, goTimeString, rfc3339Nano, unixSeconds } from './gotime';
import { releaseChart, type Release } from './release';

function sample(): Release {
  const c = loadChart(WEBAPP_CHART);
  if (!c.ok) throw new Error(c.error);
  return {
    name: 'web',
    namespace: 'prod',
    version: 3,
    info: { firstDeployed: 1_000, lastDeployed: 65_250, description: 'Upgrade complete', status: 'deployed', notes: 'hello <world> & co' },
    chart: releaseChart(c.chart),
    config: toGoValue({ replicaCount: 3, image: { tag: '1.27' }, zeta: true, alpha: null }) as GoMap,
    manifest: '---\n# Source: webapp/templates/service.yaml\napiVersion: v1\nkind: Service\n',
    hooks: [{ name: 'db-init', kind: 'Job', path: 'webapp/templates/job.yaml', manifest: 'kind: Job', events: ['pre-install', 'pre-upgrade'], weight: -5, deletePolicies: ['hook-succeeded'], lastRun: { startedAt: 2_000, completedAt: 9_500, phase: 'Succeeded' } }],
  };
}

describe('Go time formats of the simulated clock', () => {
  it.each([
    [0, 'Thu Jan  1 09:00:00 2026', '2026-01-01 09:00:00 +0000 UTC', '2026-01-01T09:00:00Z'],
    [65_250, 'Thu Jan  1 09:01:05 2026', '2026-01-01 09:01:05.25 +0000 UTC', '2026-01-01T09:01:05.25Z'],
    [10 * 86_400_000 + 7, 'Sun Jan 11 09:00:00 2026', '2026-01-11 09:00:00.007 +0000 UTC', '2026-01-11T09:00:00.007Z'],
  ])('%i ms', (ms, a, s, r) => {
    expect(ansic(ms)).toBe(a);
    expect(goTimeString(ms)).toBe(s);
    expect(rfc3339Nano(ms)).toBe(r);
  });

  it('unix seconds of the simulated epoch', () => {
    expect(unixSeconds(1500)).toBe(Date.UTC(2026, 0, 1, 9, 0, 1) / 1000);
  });
});

describe('release codec', () => {
  it('writes Helm JSON: struct fields in order, map keys sorted, HTML escaped, zero deleted time as ""', () => {
    const json = releaseJson(sample());
    expect(json.startsWith('{"name":"web","info":{"first_deployed":"2026-01-01T09:00:01Z","last_deployed":"2026-01-01T09:01:05.25Z","deleted":"","description":"Upgrade complete","status":"deployed","notes":"hello \\u003cworld\\u003e \\u0026 co"},"chart":{"metadata":{"name":"webapp"')).toBe(true);
    expect(json).toContain('"config":{"alpha":null,"image":{"tag":"1.27"},"replicaCount":3,"zeta":true}');
    expect(json).toContain('"hooks":[{"name":"db-init","kind":"Job","path":"webapp/templates/job.yaml","manifest":"kind: Job","events":["pre-install","pre-upgrade"],"last_run":{"started_at":"2026-01-01T09:00:02Z","completed_at":"2026-01-01T09:00:09.5Z","phase":"Succeeded"},"weight":-5,"delete_policies":["hook-succeeded"]}],"version":3,"namespace":"prod"}');
  });

  it('is base64 of a gzip stream holding that JSON, and decodes back to the same release', () => {
    const rel = sample();
    const encoded = encodeRelease(rel);
    const raw = base64Decode(encoded);
    if (!raw.ok) throw new Error(raw.error);
    expect([raw.bytes[0], raw.bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(utf8Decode(gunzipSync(raw.bytes))).toBe(releaseJson(rel));
    expect(encodeRelease(rel)).toBe(encoded);
    const back = decodeRelease(encoded);
    expect(back).toEqual({ ...rel, config: toGoValue({ replicaCount: 3, image: { tag: '1.27' }, zeta: true, alpha: null }) });
  });

  it.each([
    ['not base64', '%%%'],
    ['base64 of garbage', base64Encode(utf8Encode('not json'))],
    ['JSON without a name', base64Encode(utf8Encode('{"version":1}'))],
    ['JSON with a bad version', base64Encode(utf8Encode('{"name":"x","version":"1"}'))],
    ['gzip header, broken body', base64Encode(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0]))],
    ['gzip claiming a huge size', base64Encode(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]))],
  ])('refuses %s', (_name, text) => {
    expect(decodeRelease(text)).toBeUndefined();
  });

  it('accepts uncompressed JSON and fills missing fields with defaults', () => {
    const rel = decodeRelease(base64Encode(utf8Encode('{"name":"x","version":2,"info":{"status":"bogus"}}')));
    expect(rel?.info.status).toBe('unknown');
    expect(rel?.config).toEqual({});
    expect(rel?.hooks).toEqual([]);
  });
});
