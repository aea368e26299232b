import { forgetChanged, type NodeColumns } from './node-columns';

/**
 * One score per node record for a plugin whose score is a function of the node's record
 * and two numbers of the pod (its requests), NaN where unknown. Records written since
 * the last cycle are forgotten (the columns' change log); different pod numbers forget
 * everything. Between two pods of one Deployment only the chosen node changes, so a cycle
 * recomputes one score instead of hundreds.
 */
export class RecordScoreMemo {
  private cols: NodeColumns | undefined;
  private synced = 0;
  private a = NaN;
  private b = NaN;
  private key: unknown;
  private scores = new Float64Array(0);
  private readonly forget = (record: number): void => {
    this.scores[record] = NaN;
  };

  /**
   * The memo for a cycle over `cols` with the numbers (a, b) and, if the score also reads
   * something else, a key for it (compared with ===: a per-slot counts array kept in step
   * with the records, an image name): index by record, NaN = compute.
   */
  begin(cols: NodeColumns, a: number, b: number, key?: unknown): Float64Array {
    const fresh = cols !== this.cols || a !== this.a || b !== this.b || key !== this.key || this.scores.length < cols.records;
    if (fresh || !forgetChanged(cols, this.synced, this.forget)) {
      if (this.scores.length < cols.records) this.scores = new Float64Array(cols.records);
      this.scores.fill(NaN);
      this.cols = cols;
      this.a = a;
      this.b = b;
      this.key = key;
    }
    this.synced = cols.changeStamp;
    return this.scores;
  }
}
