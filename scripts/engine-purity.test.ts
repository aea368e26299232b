import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';

/**
 * src/engine must stay pure: deterministic (no ambient time or randomness, no timers),
 * DOM-free, and importing nothing outside itself but small pure libraries.
 */
const ENGINE = resolve(import.meta.dirname, '../src/engine');
const ALLOWED_PACKAGES = new Set(['yaml', 'zod', 'zod/mini', 'fflate', 'vitest', 'fast-check']);
const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now'],
  [/\bMath\.random\s*\(/, 'Math.random'],
  [/\bperformance\.now\s*\(/, 'performance.now'],
  [/\bnew Date\s*\(\s*\)/, 'new Date() without an argument'],
  [/\b(setTimeout|setInterval|setImmediate|requestAnimationFrame|queueMicrotask)\s*\(/, 'timers'],
  [/\b(window|document|localStorage|navigator)\s*\./, 'DOM globals'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('src/engine purity', () => {
  const all = files(ENGINE);

  it('finds the engine sources', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(all.map((f) => [relative(ENGINE, f), f]))('%s uses no ambient time, randomness, timers or DOM', (_rel, file) => {
    const src = stripComments(readFileSync(file, 'utf8'));
    const hits = FORBIDDEN.filter(([re]) => re.test(src)).map(([, what]) => what);
    expect(hits).toEqual([]);
  });

  it.each(all.map((f) => [relative(ENGINE, f), f]))('%s imports only engine files and pure libraries', (_rel, file) => {
    const src = readFileSync(file, 'utf8');
    const bad: string[] = [];
    for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(ENGINE)) bad.push(spec);
      } else if (!ALLOWED_PACKAGES.has(spec)) bad.push(spec);
    }
    expect(bad).toEqual([]);
  });
});
