import type { CommandHost } from './host';
import { invocation, reportFailure } from './invocation';
import { CommandProcess } from './process';
import { findProgram, programNames, registerProgram } from './programs';
import { tokenize } from './shell/tokenizer';
import { kubectlProgram } from './kubectl/program';
import { sandboxProgram } from './sandbox/program';
import { helmProgram } from './helm/program';

registerProgram(kubectlProgram);
registerProgram(sandboxProgram);
registerProgram(helmProgram);

/**
 * Runs one command line (`kubectl …`, `helm …`, `sandbox …`) against the cluster.
 * Output is what a terminal shows; the process may keep running (watch, rollout status,
 * drain) as simulated time passes. Never throws: every failure becomes an error line and
 * exit code 1.
 */
export function runCommand(host: CommandHost, line: string, opId?: number): CommandProcess {
  const proc = new CommandProcess(line, () => host.env.now(), opId);
  try {
    const tokens = tokenize(line);
    if (!tokens.ok) {
      proc.err(tokens.error);
      proc.exit(1);
      return proc;
    }
    const [name, ...args] = tokens.words;
    if (name === undefined) {
      proc.exit(0);
      return proc;
    }
    const program = findProgram(name);
    if (!program) {
      proc.err(`error: unknown command "${name}": commands start with ${programNames().join(', ')}`);
      proc.exit(1);
      return proc;
    }
    const inv = invocation(host, proc, opId, program.component);
    const code = program.run(inv, args);
    if (code !== 'pending') proc.exit(code);
  } catch (e) {
    reportFailure(proc, e);
  }
  return proc;
}
