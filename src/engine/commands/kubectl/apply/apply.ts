import type { ManifestObject } from '../../../manifest/parse';
import { parseManifests } from '../../../manifest/parse';
import type { CommandHost } from '../../host';
import { CommandError, fail, invocation, reportFailure, type ExitCode, type Invocation } from '../../invocation';
import { CommandProcess } from '../../process';
import type { ParsedFlags } from '../../shell/flags';
import { loadFiles } from '../manifest-files';
import { objectNamespace } from '../names';
import { FILENAME_FLAG, VerbGroup, type Verb } from '../verb';
import { applyObject } from './apply-object';

/** Where an object failed, for the YAML editor to underline. */
export interface ManifestMarker {
  readonly docIndex: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Applies parsed objects in file order, printing one line per object; failures are printed
 * after the successes (kubectl aggregates them) and returned as markers.
 */
export function applyParsed(inv: Invocation, objects: readonly ManifestObject[], source: string, explicitNs: string | undefined): ManifestMarker[] {
  const markers: ManifestMarker[] = [];
  const errors: string[] = [];
  const namespaces = objects.map((mo) => objectNamespace(mo.resource, mo.object, explicitNs));
  for (let i = 0; i < objects.length; i++) {
    const mo = objects[i]!;
    const res = applyObject(inv, mo.resource, mo.object, namespaces[i], source);
    if (res.ok) {
      if (res.warning) inv.proc.err(res.warning);
      inv.proc.out(res.line);
      continue;
    }
    errors.push(...res.lines);
    const field = res.status?.details?.causes?.find((c) => c.field)?.field;
    const pos = (field ? mo.positionOf(field) : undefined) ?? mo.pos;
    markers.push({ docIndex: mo.docIndex, line: pos.line, column: pos.column, message: res.lines.join('\n') });
  }
  for (const e of errors) inv.proc.err(e);
  return markers;
}

function runApply(inv: Invocation, flags: ParsedFlags): ExitCode {
  const files = flags.strings('filename');
  if (files.length === 0) fail('error: must specify one of -f and -k');
  if (flags.args.length > 0) fail(`error: Unexpected args: [${flags.args.join(' ')}]`, "See 'kubectl apply -h' for help and examples");
  const explicitNs = flags.has('namespace') ? flags.string('namespace') : undefined;
  let failed = false;
  for (const f of loadFiles(inv, files, 'apply')) {
    if (applyParsed(inv, f.objects, f.name, explicitNs).length > 0) failed = true;
  }
  return failed ? 1 : 0;
}

export const applyVerb: Verb = {
  name: 'apply',
  group: VerbGroup.Advanced,
  short: 'Apply a configuration to a resource by file name or stdin',
  long: 'Apply a configuration to a resource by file name. The resource name must be specified. This resource will be created if it doesn\'t exist yet. To use \'apply\', always create the resource initially with either \'apply\' or \'create --save-config\'.',
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  examples: ['# Apply the configuration in web.yaml (a file of the scenario)', 'kubectl apply -f web.yaml'].join('\n'),
  flags: [FILENAME_FLAG],
  run: runApply,
};

export interface ApplyOutcome {
  readonly process: CommandProcess;
  /** Per-object failures with their location in the text. */
  readonly markers: readonly ManifestMarker[];
}

/**
 * `kubectl apply -f -` for the YAML editor: parses `text` (nothing is applied if any
 * document is invalid) and applies it as the user `user/kubectl` under operation `opId`.
 */
export function applyManifestText(host: CommandHost, text: string, opId: number | undefined, sourceName: string): ApplyOutcome {
  const proc = new CommandProcess(`kubectl apply -f ${sourceName}`, () => host.env.now(), opId);
  const inv = invocation(host, proc, opId, 'user/kubectl');
  let markers: ManifestMarker[] = [];
  try {
    const parsed = parseManifests(text, sourceName);
    if (!parsed.ok) {
      const e = parsed.error;
      markers = [{ docIndex: e.docIndex ?? 0, line: e.line ?? 1, column: e.column ?? 1, message: e.message }];
      throw new CommandError(e.message.split('\n'));
    }
    if (parsed.objects.length === 0) fail('error: no objects passed to apply');
    markers = applyParsed(inv, parsed.objects, sourceName, undefined);
    proc.exit(markers.length > 0 ? 1 : 0);
  } catch (e) {
    reportFailure(proc, e);
  }
  return { process: proc, markers };
}
