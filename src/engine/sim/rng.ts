/**
 * Seeded PRNG (sfc32, seeded through splitmix32). Every random choice in the
 * engine comes from here so that a seed replays a run exactly.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (n <= 0) return 0;
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }

  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A random UUID (v4 layout) drawn from this generator. */
  uuid(): string {
    // Built from character codes into one flat string: a concatenation would keep a tree of
    // string pieces alive in every object's metadata.
    const codes = UUID_CODES;
    codes[19] = HEX_CODES[8 + this.int(4)]!;
    putHex(codes, 0, this.nextUint32(), 8);
    putHex(codes, 9, this.nextUint32(), 4);
    putHex(codes, 15, this.nextUint32(), 3);
    putHex(codes, 20, this.nextUint32(), 3);
    putHex(codes, 24, this.nextUint32(), 8);
    putHex(codes, 32, this.nextUint32(), 4);
    return String.fromCharCode(...codes);
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; the x and V positions are overwritten per UUID. */
const UUID_CODES = Array.from('00000000-0000-4000-8000-000000000000', (c) => c.charCodeAt(0));

/** The first `digits` hex digits of n's 8-digit form (toString(16).padStart(8, '0').slice(0, digits)). */
function putHex(codes: number[], at: number, n: number, digits: number): void {
  for (let i = 0; i < digits; i++) codes[at + i] = HEX_CODES[(n >>> (28 - 4 * i)) & 15]!;
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusables). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
