/** strconv.Unquote for Go double-quoted string literals and rune literals. */

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Reads one (possibly escaped) character at `i`; returns the text and the next index. */
function readChar(s: string, i: number, quote: string): [string, number] | undefined {
  const c = s[i];
  if (c === undefined) return undefined;
  if (c !== '\\') {
    if (c === quote || c === '\n') return undefined;
    const cp = s.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    return [ch, i + ch.length];
  }
  const e = s[i + 1];
  if (e === undefined) return undefined;
  const simple = SIMPLE[e];
  if (simple !== undefined) return [simple, i + 2];
  if (e === quote) return [e, i + 2];
  const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexLen > 0) {
    const hex = s.slice(i + 2, i + 2 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) return undefined;
    const cp = parseInt(hex, 16);
    if (e === 'x') return [String.fromCharCode(cp), i + 2 + hexLen];
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    return [String.fromCodePoint(cp), i + 2 + hexLen];
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = parseInt(oct, 8);
    if (v > 255) return undefined;
    return [String.fromCharCode(v), i + 4];
  }
  return undefined;
}

/** `"a\tb"` → `a<TAB>b`; undefined when the literal is malformed. */
export function unquoteString(quoted: string): string | undefined {
  if (quoted.length < 2 || quoted[0] !== '"' || quoted[quoted.length - 1] !== '"') return undefined;
  const body = quoted.slice(0, -1);
  let out = '';
  let i = 1;
  while (i < body.length) {
    const r = readChar(body, i, '"');
    if (!r) return undefined;
    out += r[0];
    i = r[1];
  }
  return out;
}

/** `'a'` → 97, `'\n'` → 10. */
export function unquoteChar(quoted: string): number | undefined {
  if (quoted.length < 3 || quoted[0] !== "'" || quoted[quoted.length - 1] !== "'") return undefined;
  const r = readChar(quoted, 1, "'");
  if (!r || r[1] !== quoted.length - 1) return undefined;
  return r[0].codePointAt(0);
}
