import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng';
import { runtimeId64, type KubeletRuntime } from './kubelet-runtime';

/** The id as it was first written: eight uint32 as zero-padded lowercase hex. */
function reference(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += rng.nextUint32().toString(16).padStart(8, '0');
  return s;
}

describe('runtimeId64', () => {
  it.each([1, 42, 0xdeadbeef])('seed %i: the same ids as the reference, 64 lowercase hex digits', (seed) => {
    const rt = { env: { rng: new Rng(seed) } } as unknown as KubeletRuntime;
    const ref = new Rng(seed);
    for (let i = 0; i < 50; i++) {
      const id = runtimeId64(rt);
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id).toBe(reference(ref));
    }
  });
});
