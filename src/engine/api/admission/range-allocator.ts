/**
 * Random allocation from a range split in two bands, as kube-apiserver allocates ClusterIPs
 * and NodePorts: the lower band is left for static assignments and dynamic allocation takes
 * a random free slot in the upper band first, falling back to the lower band when full.
 */
import type { Rng } from '../../sim/rng';

export interface Band {
  readonly size: number;
  /** Slots [0, offset) form the lower (static) band. */
  readonly offset: number;
}

/** min(max(minimum, size / step), maximum), or 0 for tiny ranges. */
export function bandOffset(rangeSize: number, minimum: number, step: number, maximum: number): number {
  if (rangeSize <= minimum) return 0;
  return Math.min(Math.max(minimum, Math.floor(rangeSize / step)), maximum);
}

/** A free slot scanning cyclically from a random start within [lo, hi), or undefined. */
function scan(rng: Rng, used: ReadonlySet<number>, lo: number, hi: number): number | undefined {
  const width = hi - lo;
  if (width <= 0) return undefined;
  const start = rng.int(width);
  for (let i = 0; i < width; i++) {
    const slot = lo + ((start + i) % width);
    if (!used.has(slot)) return slot;
  }
  return undefined;
}

export function allocateSlot(rng: Rng, band: Band, used: ReadonlySet<number>): number | undefined {
  return scan(rng, used, band.offset, band.size) ?? scan(rng, used, 0, band.offset);
}

// ---------------------------------------------------------------- IPv4 helpers

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  readonly text: string;
  readonly network: number;
  readonly size: number;
}

export function parseCidr(text: string): Cidr {
  const [ip, bits] = text.split('/');
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  return { text, network: Math.floor(ipToNumber(ip ?? '0.0.0.0') / size) * size, size };
}
