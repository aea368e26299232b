import { fnv32a, stableStringify } from '../../util/clone';

/** rand.SafeEncodeString's alphabet: no vowels, no confusable characters. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: every character's code mapped into the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/**
 * controller.ComputeHash: FNV-32a over the pod template (stable JSON here, Go's spew dump
 * upstream) plus the collision count as 4 little-endian bytes, printed in decimal and
 * safe-encoded — `5dd5756b68` style, the suffix of `web-5dd5756b68`.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(stableStringify(template));
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    h = fnv32a(String.fromCharCode(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff), h);
  }
  return safeEncodeString(String(h));
}
