// STUB: replaced by the kubectl / sandbox interpreters.
import type { CommandHost } from './host';
import { CommandProcess } from './process';

export function runCommand(host: CommandHost, line: string, opId?: number): CommandProcess {
  const proc = new CommandProcess(line, () => host.env.now(), opId);
  proc.err(`error: unknown command "${line}"`);
  proc.exit(1);
  return proc;
}
