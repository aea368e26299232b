import { isMap, isSeq, parseDocument } from 'yaml';
import type { RecordedStep } from '../protocol/console';
import { compareStrings } from '../engine/util/strings';

/**
 * The scenario's YAML with what the user added: their files (so a step of theirs can name
 * them) and, for export, their actions as steps. Edited as a YAML document, so the author's
 * comments, order and formatting stay as they were.
 */

/** `90s`, `1m5s`, `2h0m1s250ms`: what the scenario parser reads back to the same ms. */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return '0s';
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const rest = total % 1000;
  const parts = [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 ? `${s}s` : '', rest > 0 ? `${rest}ms` : ''];
  return parts.join('');
}

export interface Additions {
  readonly files: Readonly<Record<string, string>>;
  /** Added at the end of `spec.steps`; the parser sorts steps by time (ties keep file order). */
  readonly steps: readonly RecordedStep[];
}

/** `yaml` with `additions` merged in; unchanged text when there is nothing to add. */
export function scenarioText(yaml: string, additions: Additions): string {
  const files = Object.entries(additions.files).sort(([a], [b]) => compareStrings(a, b));
  if (files.length === 0 && additions.steps.length === 0) return yaml;
  const doc = parseDocument(yaml);
  if (!isMap(doc.contents)) return yaml;
  if (files.length > 0 && !isMap(doc.getIn(['spec', 'files']))) doc.setIn(['spec', 'files'], doc.createNode({}));
  for (const [name, text] of files) doc.setIn(['spec', 'files', name], text);
  if (additions.steps.length > 0) {
    if (!isSeq(doc.getIn(['spec', 'steps']))) doc.setIn(['spec', 'steps'], doc.createNode([]));
    for (const s of additions.steps) doc.addIn(['spec', 'steps'], doc.createNode({ at: durationText(s.atMs), run: s.run }));
  }
  return doc.toString({ lineWidth: 0 });
}
