/**
 * `npm run bench [-- ID ...]`: runs every bench/<id>-*.bench.ts (or those named), prints each
 * median against its QUALITY.md target and the recorded baseline in bench/baselines.json, and
 * writes bench/results/latest.json. `--record` stores the medians as the new baselines.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const record = args.includes('--record');
const wanted = args.filter((a) => !a.startsWith('--')).map((a) => a.toLowerCase());

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.toLowerCase().startsWith(w)))
  .sort();

const baselinePath = join(here, 'baselines.json');
const baselines: Record<string, number> = existsSync(baselinePath) ? (JSON.parse(readFileSync(baselinePath, 'utf8')) as Record<string, number>) : {};

const results: BenchResult[] = [];
for (const file of files) {
  const mod = (await import(join(here, file))) as { run?: () => Promise<BenchResult> };
  if (typeof mod.run !== 'function') continue;
  process.stdout.write(`running ${file} ...\n`);
  try {
    const r = await mod.run();
    results.push(r);
    const ok = r.better === 'higher' ? r.value >= r.target : r.value <= r.target;
    const base = baselines[r.id];
    const delta = base ? ` (baseline ${fmt(base)}, ${(((r.value - base) / base) * 100).toFixed(0)}%)` : '';
    process.stdout.write(`${r.id.padEnd(4)} ${ok ? 'PASS' : 'MISS'}  ${r.title}: ${fmt(r.value)} ${r.unit}, target ${r.better === 'higher' ? '≥' : '≤'} ${fmt(r.target)}${delta}\n`);
    process.stdout.write(`      runs: ${r.runs.map(fmt).join(', ')}${r.notes ? `\n      ${r.notes}` : ''}\n`);
  } catch (e) {
    process.stdout.write(`${file}: FAILED ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
if (record) {
  for (const r of results) baselines[r.id] = r.value;
  writeFileSync(baselinePath, `${JSON.stringify(baselines, null, 2)}\n`);
  process.stdout.write(`recorded ${results.length} baselines in bench/baselines.json\n`);
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
}
