import type { OpenRequest, OpenResult } from '../../protocol/session';
import { useMirror } from '../mirror/store';
import { fetchSession } from '../share/session-store';
import { sim } from '../sim/instance';
import { useUi } from '../ui-store';

/** Largest scenario file the page reads (the worker's parser checks the real limits). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/**
 * Asks the worker to open a scenario in place of the running one. On success the worker has
 * already sent the new cluster's snapshot; positions and selection belonged to the old one.
 */
export async function openScenario(open: OpenRequest): Promise<OpenResult> {
  let body;
  try {
    body = await sim.request({ kind: 'open', open });
  } catch (e) {
    return { ok: false, errors: [e instanceof Error ? e.message : String(e)], notices: [] };
  }
  if (body.kind !== 'opened') return { ok: false, errors: [`unexpected reply ${body.kind}`], notices: [] };
  if (body.ok) useUi.setState({ pinned: new Map(), selection: null, menu: null });
  return { ok: body.ok, errors: body.errors, notices: body.notices };
}

export async function importScenarioFile(file: File): Promise<OpenResult> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, errors: [`${file.name}: file too large: ${file.size} bytes (at most ${MAX_IMPORT_BYTES})`], notices: [] };
  const yaml = await file.text();
  return openScenario({ kind: 'yaml', yaml, file: file.name });
}

/** A file name for the running scenario (`node-failure.yaml`). */
export function exportFileName(): string {
  const name = useMirror.getState().scenario?.name ?? 'scenario';
  return `${name.replace(/[^\w.-]/g, '-') || 'scenario'}.yaml`;
}

/** Downloads the scenario with the user's files and actions added as steps. */
export async function exportScenario(): Promise<string | null> {
  const info = await fetchSession('export');
  if (!info || info.text === null) return 'the simulation did not answer; try again';
  const url = URL.createObjectURL(new Blob([info.text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName();
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once click() returns; the URL can go a moment later.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  return null;
}
