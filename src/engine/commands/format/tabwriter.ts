/**
 * Go's text/tabwriter, as kubectl configures it: text is cut into cells at each tab; the
 * last cell of a line is not part of any column. A column is a block of consecutive lines
 * that all have a cell at that index; its width is the widest cell plus padding (at least
 * `minWidth`). kubectl's fork adds RememberWidths: widths only grow across flushes, which
 * keeps `get -w` rows aligned with the header printed earlier.
 */

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
  /** Keep column widths from earlier flushes (kubectl's `RememberWidths` flag). */
  rememberWidths?: boolean;
}

/** `kubectl get` tables: minwidth 6, padding 3. */
export const TABLE_OPTIONS: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true };
/** `kubectl describe` and `rollout history`: minwidth 0, padding 2. */
export const DESCRIBE_OPTIONS: TabWriterOptions = { minWidth: 0, padding: 2 };

/** Display width in runes, as Go's tabwriter counts (utf8.RuneCount). */
function runeWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export class TabWriter {
  private pending: string[] = [];
  private remembered: number[] = [];

  constructor(private readonly opts: TabWriterOptions) {}

  /** Appends text; lines end at '\n', cells at '\t'. Incomplete lines wait for a newline or flush. */
  write(text: string): void {
    this.pending.push(text);
  }

  /** Formats everything written so far and returns the lines (without trailing newlines). */
  flush(): string[] {
    const text = this.pending.join('');
    this.pending = [];
    if (text === '') return [];
    const raw = text.split('\n');
    if (raw[raw.length - 1] === '') raw.pop();
    const lines = raw.map((l) => l.split('\t'));
    const out: string[] = [];
    this.format(lines, 0, lines.length, [], out);
    return out;
  }

  /** Forget remembered widths (kubectl does this between tables of different kinds). */
  resetWidths(): void {
    this.remembered = [];
  }

  private format(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    let start = line0;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur]!.length - 1) continue;
      this.writeLines(lines, start, cur, widths, out);
      start = cur;
      let width = this.opts.minWidth;
      for (; cur < line1; cur++) {
        const line = lines[cur]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column]!) + this.opts.padding);
      }
      width = this.rememberedWidth(column, width);
      widths.push(width);
      this.format(lines, start, cur, widths, out);
      widths.pop();
      start = cur;
      cur--;
    }
    this.writeLines(lines, start, line1, widths, out);
  }

  private rememberedWidth(column: number, width: number): number {
    if (!this.opts.rememberWidths) return width;
    const prev = this.remembered[column] ?? 0;
    const w = Math.max(prev, width);
    this.remembered[column] = w;
    return w;
  }

  private writeLines(lines: string[][], from: number, to: number, widths: number[], out: string[]): void {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let text = '';
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j]!;
        text += cell;
        if (j < widths.length && j < cells.length - 1) text += ' '.repeat(Math.max(0, widths[j]! - runeWidth(cell)));
      }
      out.push(text);
    }
  }
}

/** One-shot helper: rows of cells → aligned lines (each row's last cell unpadded). */
export function formatTable(rows: readonly (readonly string[])[], opts: TabWriterOptions = TABLE_OPTIONS): string[] {
  const w = new TabWriter({ ...opts, rememberWidths: false });
  for (const r of rows) w.write(`${r.join('\t')}\n`);
  return w.flush();
}
