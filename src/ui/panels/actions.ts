import type { Action } from '../../protocol/messages';
import { sim } from '../sim/instance';
import { useUi } from '../ui-store';

/**
 * Runs a page action in the worker. Its output (which may keep streaming, e.g. a drain)
 * shows in the command toast and the events panel through the command's record.
 */
export function runAction(action: Action): void {
  const ui = useUi.getState();
  ui.setNotice(null);
  sim.action(action).then(
    (body) => {
      if (body.kind !== 'action') return;
      if (body.commandKey) useUi.getState().setLastCommand(body.commandKey);
      else useUi.getState().setNotice(`✗ ${body.output[0] ?? body.command}`);
    },
    (e: unknown) => useUi.getState().setNotice(`✗ ${e instanceof Error ? e.message : String(e)}`),
  );
}
