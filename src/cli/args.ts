/** Minimal flag parsing for the CLI verbs: `--name value`, `--name=value`, boolean flags, positionals. */

export interface FlagSpec {
  readonly name: string;
  readonly takesValue: boolean;
}

export type ParsedArgs = { ok: true; positionals: string[]; flags: Map<string, string> } | { ok: false; error: string };

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.replace(/^--?/, '').slice(0, eq >= 0 ? eq - (arg.startsWith('--') ? 2 : 1) : undefined);
    const spec = specs.find((s) => s.name === name);
    if (!spec) return { ok: false, error: `unknown flag: ${arg.slice(0, eq >= 0 ? eq : undefined)}` };
    if (!spec.takesValue) {
      flags.set(name, 'true');
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return { ok: false, error: `flag needs an argument: --${name}` };
    flags.set(name, value);
  }
  return { ok: true, positionals, flags };
}
