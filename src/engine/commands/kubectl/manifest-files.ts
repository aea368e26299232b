import { parseManifests, type ManifestObject } from '../../manifest/parse';
import { fail, type Invocation } from '../invocation';

export interface LoadedFile {
  readonly name: string;
  readonly objects: readonly ManifestObject[];
}

/**
 * Reads and parses every `-f` file from the scenario's files. Any parse error stops the
 * command before anything is sent to the server, as kubectl does.
 */
export function loadFiles(inv: Invocation, names: readonly string[], verb: string): LoadedFile[] {
  const out: LoadedFile[] = [];
  for (const name of names) {
    if (name === '-') fail('error: reading from stdin is not available here: put the manifest in the scenario\'s files and pass its name to -f');
    if (/^https?:\/\//.test(name)) fail(`error: unable to read URL "${name}": this sandbox never leaves the page; put the manifest in the scenario's files`);
    const text = inv.host.files.get(name);
    if (text === undefined) fail(`error: the path "${name}" does not exist`);
    const parsed = parseManifests(text, name);
    if (!parsed.ok) fail(...parsed.error.message.split('\n'));
    out.push({ name, objects: parsed.objects });
  }
  if (out.every((f) => f.objects.length === 0)) fail(`error: no objects passed to ${verb}`);
  return out;
}
