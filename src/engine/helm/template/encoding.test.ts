import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, sha256Hex, utf8Decode, utf8Encode, utf8Length } from './encoding';

describe('encoding', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
  ])('sha256 of %j', (input, want) => {
    expect(sha256Hex(utf8Encode(input))).toBe(want);
  });

  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['héllo ✓', 'aMOpbGxvIOKckw=='],
  ])('base64 round trip of %j', (text, b64) => {
    expect(base64Encode(utf8Encode(text))).toBe(b64);
    const back = base64Decode(b64);
    expect(back.ok && utf8Decode(back.bytes)).toBe(text);
  });

  it.each([
    ['Zg', 'illegal base64 data at input byte 0'],
    ['Zg=', 'illegal base64 data at input byte 3'],
    ['Z===', 'illegal base64 data at input byte 1'],
    ['Zm9v!', 'illegal base64 data at input byte 4'],
    ['Zg==Zg==', 'illegal base64 data at input byte 4'],
  ])('base64 rejects %j', (input, message) => {
    expect(base64Decode(input)).toEqual({ ok: false, error: message });
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé✓😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Decode(Uint8Array.from([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
  });
});
