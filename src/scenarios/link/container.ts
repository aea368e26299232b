/**
 * The envelope around a link's JSON: `v<N>.` + base64url(varint(len) ‖ deflate-raw(utf8) ‖ crc32).
 * `len` is the deflated size and the CRC-32 covers everything before it, so a link cut at any
 * character, or with anything appended, is refused before inflating. Inflating stops as soon
 * as the output passes the cap (decompression bombs).
 */
import { deflateSync, Inflate } from 'fflate';
import { crc32, decodeBase64Url, decodeUtf8, decodeVarint, encodeBase64Url, encodeUtf8, encodeVarint, type Decoded } from './bytes';

/** Fixed so that the same state always gives the same link (with this fflate version). */
const DEFLATE_OPTIONS = { level: 9, mem: 4 } as const;
/**
 * Input fed to the inflater at a time: deflate expands at most ~1032×, so one push adds at
 * most ~1 MiB past the cap before we stop (smaller chunks make fflate slow on dense data).
 */
const INFLATE_CHUNK = 1024;

export function packText(version: number, text: string): string {
  return packBytes(version, encodeUtf8(text));
}

/** The envelope around any bytes (tests use it to build hostile links with valid checksums). */
export function packBytes(version: number, data: Uint8Array): string {
  const deflated = deflateSync(data, DEFLATE_OPTIONS);
  const header = encodeVarint(deflated.length);
  const body = new Uint8Array(header.length + deflated.length + 4);
  body.set(header, 0);
  body.set(deflated, header.length);
  const sum = crc32(body.subarray(0, header.length + deflated.length));
  new DataView(body.buffer).setUint32(header.length + deflated.length, sum);
  return `v${version}.${encodeBase64Url(body)}`;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Inflates `data`, giving up once the output exceeds `maxBytes`. */
export function inflateCapped(data: Uint8Array, maxBytes: number): Decoded<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= maxBytes) chunks.push(chunk);
  });
  for (let at = 0; ; at += INFLATE_CHUNK) {
    const last = at + INFLATE_CHUNK >= data.length;
    try {
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), last);
    } catch (e) {
      return { ok: false, error: `truncated or corrupt data (inflate failed near compressed byte ${Math.min(at, data.length)}: ${describeError(e)})` };
    }
    if (total > maxBytes) return { ok: false, error: `data expands past ${maxBytes / 1024} KiB when inflated (refused as a decompression bomb)` };
    if (last) break;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { ok: true, value: out };
}

/** The text after `v<N>.` (starting at `offset` in the fragment, for messages) → the JSON text it carries. */
export function unpackText(payload: string, offset: number, maxInflatedBytes: number): Decoded<string> {
  const raw = decodeBase64Url(payload, offset);
  if (!raw.ok) return raw;
  const bytes = raw.value;
  const head = decodeVarint(bytes, 0);
  if (!head.ok) return head;
  const end = head.value.size + head.value.n;
  if (bytes.length < end + 4) return { ok: false, error: `truncated data (${bytes.length} of ${end + 4} bytes)` };
  if (bytes.length > end + 4) return { ok: false, error: `trailing garbage: ${bytes.length - end - 4} unexpected bytes after the data` };
  const stored = new DataView(bytes.buffer, bytes.byteOffset).getUint32(end);
  if (stored !== crc32(bytes.subarray(0, end))) return { ok: false, error: 'corrupt data (checksum mismatch)' };
  const inflated = inflateCapped(bytes.subarray(head.value.size, end), maxInflatedBytes);
  if (!inflated.ok) return inflated;
  const text = decodeUtf8(inflated.value);
  return text.ok ? text : { ok: false, error: `${text.error} of the inflated data` };
}
