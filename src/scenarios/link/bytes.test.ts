import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, decodeBase64Url, decodeUtf8, decodeVarint, encodeBase64Url, encodeUtf8, encodeVarint } from './bytes';

const bytesOf = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %j → %j', (plain, encoded) => {
    const bytes = encodeUtf8(plain);
    expect(encodeBase64Url(bytes)).toBe(encoded);
    expect(decodeBase64Url(encoded)).toEqual({ ok: true, value: bytes });
  });

  it('uses - and _ instead of + and /', () => {
    expect(encodeBase64Url(bytesOf(0xfb, 0xff, 0xbf))).toBe('-_-_');
  });

  it('round-trips any bytes and matches Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64Url(text)).toEqual({ ok: true, value: bytes });
      }),
    );
  });

  it.each([
    ['a padding character', 'Zg==', 'invalid base64 at character 2: "="'],
    ['a standard-alphabet character', 'ab+c', 'invalid base64 at character 2: "+"'],
    ['a space', 'Zm9 v', 'invalid base64 at character 3: " "'],
    ['a non-ASCII character', 'Zmé9', 'invalid base64 at character 2: "é"'],
    ['a length that is not whole bytes', 'Zm9vY', 'invalid base64: 5 characters cannot encode whole bytes (truncated?)'],
    ['non-zero unused bits', 'Zh', 'invalid base64: stray bits in the last character (truncated or altered?)'],
  ])('refuses %s', (_what, text, error) => {
    expect(decodeBase64Url(text)).toEqual({ ok: false, error });
  });
});

describe('UTF-8', () => {
  it('round-trips well-formed text and matches TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        const bytes = encodeUtf8(text);
        expect(bytes).toEqual(new TextEncoder().encode(text));
        expect(decodeUtf8(bytes)).toEqual({ ok: true, value: text });
      }),
    );
  });

  it('agrees with a fatal TextDecoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let expected: string | undefined;
        try {
          expected = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          expected = undefined;
        }
        const got = decodeUtf8(bytes);
        expect(got.ok ? got.value : undefined).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['an overlong "/"', [0xc0, 0xaf], 0],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut short', [0x41, 0xe2, 0x82], 1],
    ['a bad continuation', [0xe2, 0x41, 0x82], 1],
    ['0xFF', [0xff], 0],
  ])('refuses %s with its byte offset', (_what, bytes, at) => {
    expect(decodeUtf8(Uint8Array.from(bytes))).toEqual({ ok: false, error: `invalid UTF-8 at byte ${at}` });
  });

  it('writes a lone surrogate as U+FFFD (JSON escapes them before this)', () => {
    expect(encodeUtf8('a\ud800b')).toEqual(bytesOf(0x61, 0xef, 0xbf, 0xbd, 0x62));
  });

  it('decodes long text (beyond the fromCharCode slice)', () => {
    const text = '😀é'.repeat(5000);
    expect(decodeUtf8(encodeUtf8(text))).toEqual({ ok: true, value: text });
  });
});

describe('crc32 and varint', () => {
  it('CRC-32 check value', () => {
    expect(crc32(encodeUtf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it.each([0, 1, 127, 128, 300, 16383, 16384, 2 ** 21, 2 ** 28 - 1])('varint %d round-trips', (n) => {
    const bytes = Uint8Array.from(encodeVarint(n));
    expect(decodeVarint(bytes, 0)).toEqual({ ok: true, value: { n, size: bytes.length } });
  });

  it.each([
    ['empty', [], 'truncated data (length header cut short)'],
    ['cut', [0x80], 'truncated data (length header cut short)'],
    ['not minimal', [0x80, 0x00], 'corrupt data (length header not minimal)'],
    ['too long', [0x80, 0x80, 0x80, 0x80, 0x01], 'corrupt data (length header too long)'],
  ])('varint: %s', (_what, bytes, error) => {
    expect(decodeVarint(Uint8Array.from(bytes), 0)).toEqual({ ok: false, error });
  });
});
