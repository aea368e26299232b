import { DESCRIBE_OPTIONS, TabWriter } from '../../format/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/**
 * kubectl describe's PrefixWriter over a tabwriter (minwidth 0, padding 2): text is
 * written with two spaces per level and tab-separated cells; alignment happens per block of
 * consecutive tabbed lines when flushed. `flush()` mid-way (before Events) starts a new
 * alignment, exactly like `w.Flush()` in describe.go.
 */
export class PrefixWriter {
  private readonly tw: TabWriter | undefined;
  private readonly done: string[] = [];
  private raw = '';

  /** `aligned: false` keeps the tabs as they are (`rollout history --revision` prints without a tabwriter). */
  constructor(aligned = true) {
    this.tw = aligned ? new TabWriter(DESCRIBE_OPTIONS) : undefined;
  }

  write(level: number, text: string): void {
    const t = '  '.repeat(level) + text;
    if (this.tw) this.tw.write(t);
    else this.raw += t;
  }

  /** WriteLine: text then a newline, no indentation. */
  line(text: string): void {
    this.write(0, `${text}\n`);
  }

  flush(): void {
    if (this.tw) {
      this.done.push(...this.tw.flush());
    } else if (this.raw !== '') {
      this.done.push(...this.raw.replace(/\n$/, '').split('\n'));
      this.raw = '';
    }
  }

  lines(): string[] {
    this.flush();
    return this.done;
  }
}

/** Runs a describer body against a fresh writer and returns the aligned lines. */
export function tabbed(body: (w: PrefixWriter) => void): string[] {
  const w = new PrefixWriter();
  body(w);
  return w.lines();
}
