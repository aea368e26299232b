/**
 * gosuri/uitable as Helm prints tables: every cell padded to its column's width (the last
 * column too), cells joined with a TAB, cells wider than `maxColWidth` cut to `…...`.
 */
export function uitable(rows: readonly (readonly string[])[], maxColWidth = 0): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      const w = maxColWidth > 0 ? Math.min([...cell].length, maxColWidth) : [...cell].length;
      widths[i] = Math.max(widths[i] ?? 0, w);
    });
  }
  return rows.map((row) => row.map((cell, i) => resize(cell, widths[i] ?? 0)).join('\t')).join('\n');
}

function resize(s: string, width: number): string {
  const chars = [...s];
  if (chars.length > width) return width > 3 ? `${chars.slice(0, width - 3).join('')}...` : chars.slice(0, width).join('');
  return s + ' '.repeat(width - chars.length);
}
