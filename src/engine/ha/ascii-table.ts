/**
 * The boxed tables etcdctl prints (`-w table`), as olekukonko/tablewriter v0.0.5 renders
 * them: headers centered, cells padded by one space, cells wider than 30 columns wrapped at
 * spaces (minimum raggedness, like tablewriter's WrapWords), continuation lines blank in the
 * other columns, and (for etcdctl) every cell right-aligned.
 */

const MAX_COL_WIDTH = 30;
const WRAP_PENALTY = 100_000;

/** tablewriter.WrapWords: break `words` into lines of at most `limit` columns, least ragged first. */
export function wrapWords(words: readonly string[], limit: number): string[][] {
  const n = words.length;
  const len = (i: number, j: number): number => {
    let total = 0;
    for (let k = i; k <= j; k++) total += words[k]!.length + (k > i ? 1 : 0);
    return total;
  };
  const cost = new Array<number>(n).fill(Number.MAX_SAFE_INTEGER);
  const brk = new Array<number>(n).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    if (len(i, n - 1) <= limit) {
      cost[i] = 0;
      brk[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const width = len(i, j - 1);
      const slack = limit - width;
      const c = slack * slack + cost[j]! + (width > limit ? WRAP_PENALTY : 0);
      if (c < cost[i]!) {
        cost[i] = c;
        brk[i] = j;
      }
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; i = brk[i]!) lines.push(words.slice(i, brk[i]));
  return lines;
}

/** One cell's lines and the width it asks for (tablewriter's parseDimension with autoWrap). */
function cellLines(text: string): { lines: string[]; width: number } {
  const width = text.length;
  if (width <= MAX_COL_WIDTH) return { lines: [text], width };
  const words = text.split(' ');
  const limit = Math.max(MAX_COL_WIDTH, ...words.map((w) => w.length));
  const lines = wrapWords(words, limit).map((ws) => ws.join(' '));
  return { lines, width: Math.max(MAX_COL_WIDTH, ...lines.map((l) => l.length)) };
}

function center(s: string, width: number): string {
  const gap = width - s.length;
  if (gap <= 0) return s;
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + s + ' '.repeat(gap - left);
}

export function renderBoxTable(headers: readonly string[], rows: readonly (readonly string[])[], align: 'right' | 'left' = 'right'): string {
  const cells = rows.map((r) => headers.map((_h, c) => cellLines(r[c] ?? '')));
  const widths = headers.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.width)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (parts: string[]): string => `|${parts.map((p) => ` ${p} `).join('|')}|`;
  const out = [rule, line(headers.map((h, c) => center(h, widths[c]!))), rule];
  for (const r of cells) {
    const height = Math.max(...r.map((cell) => cell.lines.length));
    for (let i = 0; i < height; i++) {
      out.push(line(r.map((cell, c) => {
        const text = cell.lines[i] ?? '';
        return align === 'right' ? text.padStart(widths[c]!) : text.padEnd(widths[c]!);
      })));
    }
  }
  out.push(rule);
  return out.join('\n');
}

/** go-humanize's Bytes (SI units), as etcdctl prints DB SIZE: `2.6 MB`, `25 MB`, `2.1 GB`. */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.min(Math.floor(Math.log(n) / Math.log(1000)), sizes.length - 1);
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return `${val < 10 ? val.toFixed(1) : val.toFixed(0)} ${sizes[e]}`;
}

/** kubectl-style columns: left-aligned, separated by three spaces, no box. */
export function renderColumns(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const fmt = (r: readonly string[]): string => headers.map((_h, c) => (r[c] ?? '').padEnd(widths[c]!)).join('   ').trimEnd();
  return [fmt(headers), ...rows.map(fmt)].join('\n');
}
