import { describe, expect, it } from 'vitest';
import { cidrRange, intToIp, IpAllocator, ipToInt } from './ip-allocator';

describe('ip-allocator', () => {
  it.each([
    ['10.244.1.0/24', '10.244.1.2', '10.244.1.254'],
    ['10.42.3.0/24', '10.42.3.2', '10.42.3.254'],
    ['10.244.0.0/23', '10.244.0.2', '10.244.1.254'],
  ])('%s spans %s … %s', (cidr, first, last) => {
    const r = cidrRange(cidr)!;
    expect([intToIp(r.first), intToIp(r.last)]).toEqual([first, last]);
  });

  it.each(['10.244.256.0/24', 'nonsense', '10.0.0.0/31', '10.0.0.0'])('rejects %j', (cidr) => {
    expect(cidrRange(cidr)).toBeUndefined();
  });

  it('hands out addresses in order, never twice, continuing after the last reserved one', () => {
    const a = new IpAllocator(cidrRange('10.244.1.0/24'), undefined);
    expect([a.allocate(), a.allocate(), a.allocate()]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    a.release('10.244.1.2');
    expect(a.allocate()).toBe('10.244.1.5');
    const restarted = new IpAllocator(cidrRange('10.244.1.0/24'), a.lastReservedIp);
    expect(restarted.allocate()).toBe('10.244.1.6');
  });

  it('wraps around and reports exhaustion', () => {
    const a = new IpAllocator(cidrRange('10.0.0.0/29'), undefined);
    const got = [1, 2, 3, 4, 5].map(() => a.allocate());
    expect(got).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(a.allocate()).toBeUndefined();
    a.release('10.0.0.3');
    expect(a.allocate()).toBe('10.0.0.3');
    expect(a.describe()).toBe('10.0.0.1-10.0.0.6');
    expect(ipToInt('10.0.0.300')).toBeUndefined();
  });
});
