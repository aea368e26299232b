/**
 * host-local IPAM over the node's podCIDR, as the CNI plugins behind flannel/kubeadm do it:
 * addresses handed out in order after the last one reserved (so a restarted pod gets a new
 * IP), skipping the network, the gateway (.1) and the broadcast address.
 */

export function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface CidrRange {
  /** First and last assignable addresses (inclusive). */
  readonly first: number;
  readonly last: number;
}

/** `10.244.1.0/24` → .2 … .254; undefined for malformed input or ranges too small to use. */
export function cidrRange(cidr: string): CidrRange | undefined {
  const [addr, lenText] = cidr.split('/');
  const base = ipToInt(addr ?? '');
  const len = Number(lenText);
  if (base === undefined || !Number.isInteger(len) || len < 8 || len > 30) return undefined;
  const size = 2 ** (32 - len);
  const network = base - (base % size);
  return { first: network + 2, last: network + size - 2 };
}

export class IpAllocator {
  private readonly used = new Set<number>();

  constructor(
    private readonly range: CidrRange | undefined,
    /** The last address handed out before (survives a node restart, like host-local's last_reserved_ip). */
    private lastReserved: number | undefined,
  ) {}

  get lastReservedIp(): number | undefined {
    return this.lastReserved;
  }

  /** Next free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    const r = this.range;
    if (!r) return undefined;
    const size = r.last - r.first + 1;
    const start = this.lastReserved !== undefined && this.lastReserved >= r.first && this.lastReserved < r.last ? this.lastReserved + 1 : r.first;
    for (let i = 0; i < size; i++) {
      const candidate = r.first + ((start - r.first + i) % size);
      if (this.used.has(candidate)) continue;
      this.used.add(candidate);
      this.lastReserved = candidate;
      return intToIp(candidate);
    }
    return undefined;
  }

  release(ip: string | undefined): void {
    if (!ip) return;
    const n = ipToInt(ip);
    if (n !== undefined) this.used.delete(n);
  }

  /** `10.244.1.1-10.244.1.254` as the CNI error message prints the range. */
  describe(): string {
    return this.range ? `${intToIp(this.range.first - 1)}-${intToIp(this.range.last)}` : '<none>';
  }
}
