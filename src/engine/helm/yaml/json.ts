import { formatFloatShortest } from '../template/gofloat';
import { GoStruct, isMap, jsonFieldName, sortedKeys, type GoValue } from '../template/value';

/** encoding/json Marshal: sorted keys, Go's string escaping, HTML-safe unless asked otherwise. */
export class JsonMarshalError extends Error {}

function quote(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function encode(v: GoValue, escapeHTML: boolean, depth: number): string {
  if (depth > 1000) throw new JsonMarshalError('json: value nested too deeply');
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return quote(v, escapeHTML);
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'number':
      if (!Number.isFinite(v)) throw new JsonMarshalError(`json: unsupported value: ${formatFloatShortest(v)}`);
      return String(v);
    default:
      break;
  }
  if (Array.isArray(v)) return `[${v.map((e) => encode(e, escapeHTML, depth + 1)).join(',')}]`;
  if (v instanceof GoStruct) {
    const parts = [...v.fields].map(([k, f]) => `${quote(jsonFieldName(k), escapeHTML)}:${encode(f, escapeHTML, depth + 1)}`);
    return `{${parts.join(',')}}`;
  }
  if (!isMap(v)) return 'null';
  return `{${sortedKeys(v).map((k) => `${quote(k, escapeHTML)}:${encode(v[k] ?? null, escapeHTML, depth + 1)}`).join(',')}}`;
}

export function marshalJson(v: GoValue, escapeHTML = true): string {
  return encode(v, escapeHTML, 0);
}
