import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildOnce } from '../e2e/support/preview';
import type { BenchResult } from './types';

/**
 * L1: JavaScript the page loads before anything else (from the Vite manifest), gzip-compressed:
 * the entry chunk, its static imports, and the app it imports at once (the entry is a tiny
 * boot module that starts the worker, then `import()`s the app — that dynamic import is part
 * of the first load; deeper ones, like the sequence panel and mermaid, are not). The engine
 * worker and mermaid must be separate chunks: they are reported in the notes.
 */

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The etcd key prefix, the scheduler's FitError and DefaultPreemption wording. */
const ENGINE_MARKERS = ['/registry/', 'nodes are available', 'Preemption is not helpful'];

export async function run(): Promise<BenchResult> {
  // `L1_DIST=<folder>` reads an existing build (a private outDir) instead of building into dist.
  const dist = process.env.L1_DIST ?? 'dist';
  if (!process.env.L1_DIST) buildOnce();
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  const initial = new Set<string>();
  const visit = (key: string): void => {
    const c = manifest[key];
    if (!c || initial.has(c.file)) return;
    initial.add(c.file);
    for (const imp of c.imports ?? []) visit(imp);
  };
  for (const [key, chunk] of entries) {
    visit(key);
    for (const dyn of chunk.dynamicImports ?? []) visit(dyn);
  }
  let total = 0;
  const parts: string[] = [];
  for (const file of initial) {
    if (!file.endsWith('.js')) continue;
    const src = readFileSync(join(dist, file));
    const gz = gzipSync(src).length;
    total += gz;
    parts.push(`${file} ${(gz / 1024).toFixed(1)} KB`);
    if (/mermaid/i.test(file)) throw new Error(`mermaid is in the initial chunks: ${file}`);
    // String literals only the engine holds (class names do not survive minification; the page
    // itself names kube-controller-manager when it recognises static pods).
    const marker = ENGINE_MARKERS.find((m) => src.includes(m));
    if (marker) throw new Error(`engine code in the initial chunk ${file} (found "${marker}")`);
  }
  // Vite emits the worker bundle beside the manifest's chunks, not in it.
  const workerFiles = readdirSync(join(dist, 'assets'))
    .filter((f) => f.includes('worker') && f.endsWith('.js'))
    .map((f) => `${f} ${(gzipSync(readFileSync(join(dist, 'assets', f))).length / 1024).toFixed(1)} KB gzip (${(statSync(join(dist, 'assets', f)).size / 1024).toFixed(0)} KB raw)`);
  const kb = total / 1024;
  return {
    id: 'L1',
    title: 'initial JavaScript (gzip)',
    value: kb,
    unit: 'KB',
    target: 170,
    better: 'lower',
    runs: [kb],
    notes: `initial: ${parts.join(', ')}${workerFiles.length ? `; worker chunks: ${workerFiles.join(', ')}` : ''}`,
  };
}
