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
    const variant = HEX_DIGITS[8 + this.int(4)]!;
    const a = hex8(this.nextUint32());
    const b = hex8(this.nextUint32());
    const c = hex8(this.nextUint32());
    const d = hex8(this.nextUint32());
    const e = hex8(this.nextUint32());
    const f = hex8(this.nextUint32());
    return `${a}-${b.slice(0, 4)}-4${c.slice(0, 3)}-${variant}${d.slice(0, 3)}-${e}${f.slice(0, 4)}`;
  }
}

const HEX_DIGITS = '0123456789abcdef';
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >> 4]! + HEX_DIGITS[i & 15]!);

/** Eight lowercase hex digits of a uint32 (toString(16).padStart(8, '0'), without the slow path). */
function hex8(n: number): string {
  return HEX_BYTES[n >>> 24]! + HEX_BYTES[(n >>> 16) & 255]! + HEX_BYTES[(n >>> 8) & 255]! + HEX_BYTES[n & 255]!;
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusables). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
