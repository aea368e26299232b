import { describe, expect, it } from 'vitest';
import { base32, hex, sha256 } from './sha256';
import { portProtoHash, sepChainName, svcChainName } from './service-table';

describe('sha256 / base32', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('sha256(%j)', (input, want) => {
    expect(hex(sha256(input))).toBe(want);
  });

  it.each([
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foobar', 'MZXW6YTBOI======'],
  ])('base32(%j) as RFC 4648', (input, want) => {
    expect(base32(new Uint8Array([...input].map((c) => c.charCodeAt(0))))).toBe(want);
  });
});

describe('kube-proxy chain names', () => {
  // Chain names every kubeadm cluster shows in `iptables-save`.
  it.each([
    ['kube-system/kube-dns:dns', 'udp', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'tcp', 'KUBE-SVC-JD5MR3NA4I4DYORP'],
    ['default/kubernetes:https', 'tcp', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
  ] as const)('%s/%s → %s', (name, proto, chain) => {
    expect(svcChainName(name, proto)).toBe(chain);
    expect(portProtoHash(name, proto)).toHaveLength(16);
  });

  it('names endpoint chains from service port, protocol and address', () => {
    const a = sepChainName('default/web', 'tcp', '10.244.1.5:80');
    expect(a).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(sepChainName('default/web', 'tcp', '10.244.1.6:80')).not.toBe(a);
  });
});
