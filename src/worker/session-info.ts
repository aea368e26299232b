import type { RecordedActions, RecordedStep } from '../protocol/console';
import type { SessionInfo, SessionText } from '../protocol/session';
import { scenarioText } from './scenario-text';
import type { SessionSpec } from './session-spec';

/**
 * The timeline's view of a session: the scenario's steps, the user's actions so far and
 * those still ahead (after a seek back), and on request the scenario's text for a link
 * (`share`: with the user's files) or a file (`export`: with their actions as steps too).
 */
export function sessionInfo(spec: SessionSpec, recorded: RecordedActions, pending: readonly RecordedStep[], text?: SessionText): SessionInfo {
  const files = { ...spec.extraFiles, ...recorded.files };
  let yaml: string | null = null;
  if (text === 'share') yaml = scenarioText(spec.yaml, { files, steps: [] });
  else if (text === 'export') yaml = scenarioText(spec.yaml, { files, steps: [...recorded.steps, ...pending] });
  return {
    steps: spec.scenario.spec.steps.map((s) => ({ atMs: s.atMs, run: s.run, note: s.note ?? null })),
    actions: recorded.steps.map((s) => ({ ...s })),
    pending: pending.map((s) => ({ ...s })),
    truncated: recorded.truncated,
    text: yaml,
    file: spec.file,
  };
}
