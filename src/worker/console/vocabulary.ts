import { RESOURCES } from '../../engine/api/resources';
import { GLOBAL_FLAGS as HELM_GLOBAL_FLAGS, type HelmCommand } from '../../engine/commands/helm/command';
import { HELM_COMMANDS } from '../../engine/commands/helm/program';
import { KUBECTL_VERBS } from '../../engine/commands/kubectl/verbs';
import { HELP_FLAG, NAMESPACE_FLAG, type Verb } from '../../engine/commands/kubectl/verb';
import type { SandboxVerb } from '../../engine/commands/sandbox/sandbox';
import { SANDBOX_VERBS } from '../../engine/commands/sandbox/verbs';
import type { FlagSpec } from '../../engine/commands/shell/flags';
import { KNOWN_REPOSITORIES, loadChart } from '../../engine/helm';
import type { VocabCommand, VocabFlag, Vocabulary } from '../../protocol/console';

/**
 * The console's completion vocabulary, taken from the engine's own command tables so it
 * can never drift from what the commands accept.
 */

function flag(f: FlagSpec): VocabFlag {
  return { name: f.name, short: f.short ?? null, value: f.type !== 'bool' };
}

function kubectlCommand(v: Verb): VocabCommand {
  return { name: v.name, aliases: [...(v.aliases ?? [])], flags: v.flags.map(flag), subcommands: (v.subcommands ?? []).map(kubectlCommand) };
}

function helmCommand(c: HelmCommand): VocabCommand {
  return { name: c.name, aliases: [...(c.aliases ?? [])], flags: c.flags.map(flag), subcommands: (c.subcommands ?? []).map(helmCommand) };
}

/** `sandbox` verbs are paths (`kill node`, `etcd alarm list`): folded into a tree. */
export function sandboxTree(verbs: readonly SandboxVerb[]): VocabCommand[] {
  const root: VocabCommand = { name: 'sandbox', aliases: [], flags: [], subcommands: [] };
  for (const v of verbs) {
    let at = root;
    for (const word of v.path) {
      let next = at.subcommands.find((c) => c.name === word);
      if (!next) {
        next = { name: word, aliases: [], flags: [], subcommands: [] };
        at.subcommands.push(next);
      }
      at = next;
    }
    at.flags = v.flags.map(flag);
  }
  return root.subcommands;
}

function chartRefs(): string[] {
  const out: string[] = [];
  for (const repo of KNOWN_REPOSITORIES) {
    for (const files of repo.charts) {
      const loaded = loadChart(files);
      if (loaded.ok) out.push(`${repo.suggestedName}/${loaded.chart.metadata.name}`);
    }
  }
  return out.sort();
}

let cached: Vocabulary | undefined;

export function vocabulary(): Vocabulary {
  cached ??= {
    programs: [
      { name: 'kubectl', aliases: [], flags: [NAMESPACE_FLAG, HELP_FLAG].map(flag), subcommands: KUBECTL_VERBS.map(kubectlCommand) },
      { name: 'helm', aliases: [], flags: HELM_GLOBAL_FLAGS.map(flag), subcommands: HELM_COMMANDS.map(helmCommand) },
      { name: 'sandbox', aliases: [], flags: [flag(HELP_FLAG)], subcommands: sandboxTree(SANDBOX_VERBS) },
    ],
    resources: RESOURCES.map((r) => ({ kind: r.kind, resource: r.resource, singular: r.singular, group: r.group, shortNames: [...r.shortNames], namespaced: r.namespaced })),
    charts: chartRefs(),
  };
  return cached;
}
