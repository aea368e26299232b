/**
 * Byte-level pieces of the link format, written by hand so that the browser, the worker and
 * Node agree exactly (no btoa / Buffer / TextDecoder differences): strict base64url, strict
 * UTF-8, CRC-32 and unsigned varints. Decoders return a reason instead of throwing.
 */

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function digitAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? DIGIT[code]! : -1;
}

/**
 * Strict: only the 64 base64url characters, no padding, no length that cannot come from whole
 * bytes, and unused trailing bits zero, so each byte string has exactly one text.
 */
export function decodeBase64Url(text: string, offsetForErrors = 0): Decoded<Uint8Array> {
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const d = digitAt(text, i);
    if (d < 0) return { ok: false, error: `invalid base64 at character ${i + offsetForErrors}: ${JSON.stringify(text[i])}` };
    acc = ((acc << 6) | d) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (text.length % 4 === 1) return { ok: false, error: `invalid base64: ${text.length} characters cannot encode whole bytes (truncated?)` };
  if ((acc & ((1 << bits) - 1)) !== 0) return { ok: false, error: `invalid base64: stray bits in the last character (truncated or altered?)` };
  return { ok: true, value: out };
}

/** UTF-16 → UTF-8. Lone surrogates become U+FFFD (callers escape them in JSON first). */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out[o++] = cp;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 63);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 63);
      out[o++] = 0x80 | ((cp >> 6) & 63);
    }
    out[o++] = 0x80 | (cp & 63);
  }
  return out.slice(0, o);
}

/** Length and minimum code point of a sequence by its lead byte (overlong forms are refused). */
function leadInfo(b: number): { len: number; min: number; cp: number } | undefined {
  if (b < 0x80) return { len: 1, min: 0, cp: b };
  if (b >= 0xc2 && b <= 0xdf) return { len: 2, min: 0x80, cp: b & 0x1f };
  if (b >= 0xe0 && b <= 0xef) return { len: 3, min: 0x800, cp: b & 0x0f };
  if (b >= 0xf0 && b <= 0xf4) return { len: 4, min: 0x10000, cp: b & 0x07 };
  return undefined;
}

/** Strict UTF-8 → string: no overlong forms, surrogates, code points past U+10FFFF or cut sequences. */
export function decodeUtf8(bytes: Uint8Array): Decoded<string> {
  const parts: string[] = [];
  let units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const lead = leadInfo(bytes[i]!);
    if (!lead || i + lead.len > bytes.length) return { ok: false, error: `invalid UTF-8 at byte ${i}` };
    let cp = lead.cp;
    for (let k = 1; k < lead.len; k++) {
      const b = bytes[i + k]!;
      if ((b & 0xc0) !== 0x80) return { ok: false, error: `invalid UTF-8 at byte ${i + k}` };
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < lead.min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { ok: false, error: `invalid UTF-8 at byte ${i}` };
    if (cp < 0x10000) units.push(cp);
    else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    // fromCharCode takes its arguments on the stack: flush in bounded slices.
    if (units.length >= 4096) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
    i += lead.len;
  }
  parts.push(String.fromCharCode(...units));
  return { ok: true, value: parts.join('') };
}

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/** CRC-32 (IEEE, as in zip and PNG). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Unsigned LEB128 varint, for lengths below 2^28. */
export function encodeVarint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  do {
    const low = v & 0x7f;
    v = Math.floor(v / 128);
    out.push(v > 0 ? low | 0x80 : low);
  } while (v > 0);
  return out;
}

/** Reads a varint of at most 4 bytes at `offset`: the value and the bytes it took. */
export function decodeVarint(bytes: Uint8Array, offset: number): Decoded<{ n: number; size: number }> {
  let n = 0;
  for (let k = 0; k < 4; k++) {
    const b = bytes[offset + k];
    if (b === undefined) return { ok: false, error: 'truncated data (length header cut short)' };
    n += (b & 0x7f) * 2 ** (7 * k);
    if ((b & 0x80) === 0) {
      if (k > 0 && b === 0) return { ok: false, error: 'corrupt data (length header not minimal)' };
      return { ok: true, value: { n, size: k + 1 } };
    }
  }
  return { ok: false, error: 'corrupt data (length header too long)' };
}
