import { stringify } from 'yaml';
import { resourceForKind, type ResourceInfo } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/api/types';
import { LAST_APPLIED, withLastApplied } from '../../engine/commands/kubectl/apply/apply-object';
import { mergePatchBetween } from '../../engine/commands/kubectl/apply/three-way';
import { statusLines } from '../../engine/commands/kubectl/errors';
import { kindName } from '../../engine/commands/kubectl/names';
import type { CommandHost } from '../../engine/commands/host';
import { invocation } from '../../engine/commands/invocation';
import { CommandProcess } from '../../engine/commands/process';
import { parseManifests } from '../../engine/manifest/parse';
import { deepClone, deepEqual } from '../../engine/util/clone';
import type { ConsoleMarker } from '../../protocol/console';
import type { ObjectRef } from '../../protocol/messages';
import { stripServerFields } from './export';

/**
 * `kubectl edit` for the inspector: the object opens as YAML (status and the last-applied
 * annotation left out) and the user's change is written back as a patch.
 */

export const EDIT_HEADER = [
  "# Edit the object below and Save. Lines beginning with '#' are ignored;",
  '# an empty text cancels the edit. If the save fails, the errors are',
  '# marked here and nothing is written.',
  '#',
].join('\n');

function namespaceOf(r: ResourceInfo, ref: ObjectRef): string | undefined {
  return r.namespaced ? (ref.namespace ?? 'default') : undefined;
}

export function editCommand(ref: ObjectRef): string {
  const r = resourceForKind(ref.kind);
  const ns = r ? namespaceOf(r, ref) : ref.namespace;
  return `kubectl edit ${(r?.singular ?? ref.kind.toLowerCase())}/${ref.name}${ns ? ` -n ${ns}` : ''}`;
}

function lookup(host: CommandHost, ref: ObjectRef): { r: ResourceInfo; live: KubeObject | undefined } | undefined {
  const r = resourceForKind(ref.kind);
  return r ? { r, live: host.api.peek(r.resource, namespaceOf(r, ref), ref.name) } : undefined;
}

/** What the editor shows: the object without status and the last-applied annotation. */
function editView(live: KubeObject): KubeObject {
  const o = deepClone(live);
  delete o.status;
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length > 0) o.metadata.annotations = annotations;
  else delete o.metadata.annotations;
  return o;
}

export function editableYaml(host: CommandHost, ref: ObjectRef): { found: boolean; yaml: string } {
  const found = lookup(host, ref);
  if (!found?.live) return { found: false, yaml: '' };
  return { found: true, yaml: `${EDIT_HEADER}\n${stringify(editView(found.live), { lineWidth: 0 })}` };
}

export interface EditOutcome {
  proc: CommandProcess;
  markers: ConsoleMarker[];
  /** The object as the user meant it (for the timeline), when the patch went through. */
  saved: KubeObject | undefined;
}

/** The object as the editor compares it: parsed like the edit, without its resourceVersion. */
function comparable(o: KubeObject | undefined): KubeObject | undefined {
  if (!o) return undefined;
  const c = deepClone(o);
  delete c.metadata.resourceVersion;
  return c;
}

function parsedOne(text: string): KubeObject | undefined {
  const p = parseManifests(text, 'edit');
  return p.ok && p.objects.length === 1 ? p.objects[0]!.object : undefined;
}

/**
 * Saves an edit the way kubectl edit does: the difference between the text as opened and
 * as saved becomes a merge patch on the live object, so status heartbeats in between do not
 * get in the way. If the object itself (not its status) changed since it was opened, the
 * patch carries the opened resourceVersion and the API server answers 409 Conflict.
 * `beginOp` is called only when a request is about to be sent.
 */
export function saveEdit(host: CommandHost, ref: ObjectRef, originalText: string, text: string, beginOp: (command: string) => number): EditOutcome {
  const command = editCommand(ref);
  const proc = new CommandProcess(command, () => host.env.now());
  const done = (lines: string[], code: number, markers: ConsoleMarker[] = []): EditOutcome => {
    for (const l of lines) proc.write(code === 0 ? 'stdout' : 'stderr', l);
    proc.exit(code);
    return { proc, markers, saved: undefined };
  };
  const found = lookup(host, ref);
  if (!found) return done([`error: the server doesn't have a resource type "${ref.kind}"`], 1);
  const { r, live } = found;
  if (!live) return done([`Error from server (NotFound): ${r.group ? `${r.resource}.${r.group}` : r.resource} "${ref.name}" not found`], 1);
  const parsed = parseManifests(text, `${r.singular}/${ref.name}`);
  if (!parsed.ok) {
    const e = parsed.error;
    return done([e.message], 1, [{ docIndex: e.docIndex ?? 0, line: e.line ?? 1, column: e.column ?? 1, message: e.message }]);
  }
  if (parsed.objects.length === 0) return done(['Edit cancelled, no changes made.'], 0);
  const mo = parsed.objects[0]!;
  const edited = mo.object;
  const ns = namespaceOf(r, ref);
  if (parsed.objects.length > 1 || edited.kind !== live.kind || edited.apiVersion !== live.apiVersion || edited.metadata.name !== live.metadata.name || (r.namespaced && (edited.metadata.namespace ?? ns) !== ns)) {
    return done(['error: At least one of apiVersion, kind and name was changed'], 1, [{ docIndex: mo.docIndex, line: mo.pos.line, column: mo.pos.column, message: 'apiVersion, kind, name and namespace cannot change in an edit' }]);
  }
  const current = parsedOne(stringify(editView(live), { lineWidth: 0 }));
  const original = parsedOne(originalText) ?? current;
  const patch = mergePatchBetween(original, edited);
  if (Object.keys(patch).length === 0) return done(['Edit cancelled, no changes made.'], 0);
  const meta: Record<string, unknown> = { ...(isRecord(patch.metadata) ? patch.metadata : {}) };
  delete meta.resourceVersion;
  if (!deepEqual(comparable(original), comparable(current))) meta.resourceVersion = original?.metadata.resourceVersion ?? '0';
  if (live.metadata.annotations?.[LAST_APPLIED] !== undefined) {
    // kubectl edit keeps an existing last-applied annotation in step with the edit.
    const applied = withLastApplied(stripServerFields(edited), ns).metadata.annotations?.[LAST_APPLIED] ?? '';
    meta.annotations = { ...(isRecord(meta.annotations) ? meta.annotations : {}), [LAST_APPLIED]: applied };
  }
  if (Object.keys(meta).length > 0) patch.metadata = meta;
  else delete patch.metadata;
  const opId = beginOp(command);
  const inv = invocation(host, proc, opId, 'user/kubectl');
  const res = host.api.patch(inv.req, r.resource, ns, ref.name, patch);
  if (res.ok) {
    proc.out(`${kindName(r, ref.name)} edited`);
    proc.exit(0);
    return { proc, markers: [], saved: stripServerFields(edited) };
  }
  const lines = statusLines(res.status);
  const causes = res.status.details?.causes ?? [];
  const markers = causes.length > 0
    ? causes.map((c) => ({ docIndex: mo.docIndex, ...((c.field ? mo.positionOf(c.field) : undefined) ?? mo.pos), message: c.field ? `${c.field}: ${c.message}` : c.message }))
    : [{ docIndex: mo.docIndex, ...mo.pos, message: lines.join('\n') }];
  return done(lines, 1, markers);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
