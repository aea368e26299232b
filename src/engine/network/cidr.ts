import { ipToInt } from '../kubelet/ip-allocator';

export { intToIp, ipToInt } from '../kubelet/ip-allocator';

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** `10.244.0.0/16` → network and prefix length; a bare IP is a /32. Undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, lenText] = text.trim().split('/');
  const ip = ipToInt(addr ?? '');
  const prefix = lenText === undefined ? 32 : /^\d{1,2}$/.test(lenText) ? Number(lenText) : NaN;
  if (ip === undefined || !(prefix >= 0 && prefix <= 32)) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix };
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  if (n === undefined) return false;
  const size = 2 ** (32 - cidr.prefix);
  return n >= cidr.base && n < cidr.base + size;
}

/** `10.244.1.5` → `10-244-1-5`, the dashed form CoreDNS uses in pod and endpoint names. */
export function dashedIp(ip: string): string {
  return ip.replace(/\./g, '-');
}

export function isIPv4(text: string): boolean {
  return ipToInt(text) !== undefined;
}

/** Numeric order of dotted IPv4 addresses (malformed ones sort last, by text). */
export function compareIps(a: string, b: string): number {
  const x = ipToInt(a);
  const y = ipToInt(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
