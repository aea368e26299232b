import { deepEqual } from '../util/clone';
import { forgetChanged, type ColumnView, type NodeColumns } from './cache/node-columns';
import type { NodeInfo } from './cache/node-info';
import type { PodInfo } from './cache/pod-info';
import type { FilterPlugin } from './framework/interfaces';
import type { Result } from './framework/status';

/** Whether two pods look the same to every node-local Filter (what FilterPlugin.nodeLocal promises they read). */
export function sameNodeLocalFilterInputs(a: PodInfo, b: PodInfo): boolean {
  const sa = a.pod.spec;
  const sb = b.pod.spec;
  return (sa.nodeName ?? '') === (sb.nodeName ?? '')
    && a.requests.milliCPU === b.requests.milliCPU && a.requests.memory === b.requests.memory
    && deepEqual(sa.tolerations, sb.tolerations)
    && deepEqual(sa.nodeSelector, sb.nodeSelector)
    && deepEqual(sa.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, sb.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)
    && deepEqual(a.hostPorts, b.hostPorts);
}

/**
 * The Filter verdict per node record, kept across cycles while the filters that run are
 * all node-local and the pod looks the same to them; records written since the last cycle
 * (the columns' change log) are forgotten. Pods of one Deployment then filter only the
 * node the previous pod went to.
 */
export class FilterMemo {
  private cols: NodeColumns | undefined;
  private synced = 0;
  private filters: readonly FilterPlugin[] = [];
  private pod: PodInfo | undefined;
  // The arrays below are read and written directly by findNodesThatFitPod's loop.
  /** Verdict per record; undefined = not known. */
  results: (Result | undefined)[] = [];
  /** The node list recordAt describes, and each position's record. */
  private nodes: readonly NodeInfo[] | undefined;
  recordAt = new Int32Array(0);
  slotAt = new Int32Array(0);
  /** Records and slots of the feasible nodes of the current cycle, in feasible order. */
  feasibleRecords = new Int32Array(0);
  feasibleSlots = new Int32Array(0);
  private readonly forget = (record: number): void => {
    this.results[record] = undefined;
  };

  /** Prepares for a cycle over `nodes`; false when the memo cannot be used for it. */
  begin(filters: readonly FilterPlugin[], pod: PodInfo, nodes: readonly NodeInfo[]): boolean {
    if (nodes.length === 0) return false;
    for (const f of filters) if (f.nodeLocal !== true) return false;
    if (nodes !== this.nodes && !this.locate(nodes)) return false;
    const cols = nodes[0]!.columns;
    const same = cols === this.cols && this.pod !== undefined && sameFilters(filters, this.filters) && sameNodeLocalFilterInputs(pod, this.pod);
    if (!same || !forgetChanged(cols, this.synced, this.forget)) {
      this.results = new Array<Result | undefined>(cols.records).fill(undefined);
      this.cols = cols;
      this.filters = filters;
    }
    this.synced = cols.changeStamp;
    this.pod = pod;
    return true;
  }

  /** The record per position of the node list; false unless all share one columns. */
  private locate(nodes: readonly NodeInfo[]): boolean {
    this.nodes = undefined;
    const cols = nodes[0]!.columns;
    if (this.recordAt.length < nodes.length) {
      this.recordAt = new Int32Array(nodes.length);
      this.slotAt = new Int32Array(nodes.length);
      this.feasibleRecords = new Int32Array(nodes.length);
      this.feasibleSlots = new Int32Array(nodes.length);
    }
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.columns !== cols) return false;
      this.recordAt[i] = node.record;
      this.slotAt[i] = node.slot;
    }
    this.nodes = nodes;
    return true;
  }

  private view: ColumnView | undefined;

  /** Where this cycle's feasible nodes' records are (valid until the next begin). */
  feasibleView(): ColumnView | undefined {
    const columns = this.cols;
    if (!columns) return undefined;
    const v = this.view;
    if (v && v.columns === columns && v.data === columns.data && v.records === this.feasibleRecords && v.slots === this.feasibleSlots) return v;
    this.view = { columns, data: columns.data, records: this.feasibleRecords, slots: this.feasibleSlots };
    return this.view;
  }
}

function sameFilters(a: readonly FilterPlugin[], b: readonly FilterPlugin[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
