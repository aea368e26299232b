/**
 * Kubernetes resource quantities ("100m", "1.5", "128Mi", "1G", "2e3").
 * CPU is handled in millicores, everything else in plain units (bytes, counts).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** Parsed quantities by text: the same few strings ("100m", "64Mi") are parsed for every pod. */
const parsed = new Map<string, number | undefined>();
const MAX_PARSED = 4096;

/** Parses a quantity to its numeric value in base units, or undefined when malformed. */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (parsed.has(text)) return parsed.get(text);
  const v = parseText(text);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(text, v);
  return v;
}

function parseText(text: string): number | undefined {
  const m = QUANTITY_RE.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * (BINARY[m[2]] ?? DECIMAL[m[2]] ?? 1);
  if (m[3]) return n * 10 ** Number(m[3]);
  return n;
}

export function isValidQuantity(text: unknown): boolean {
  return (typeof text === 'string' || typeof text === 'number') && parseQuantity(text) !== undefined;
}

/** CPU quantity in millicores (rounded up, as the API server does). */
export function cpuMillis(text: string | number | undefined): number {
  const v = parseQuantity(text);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e3);
}

/** Memory (or any byte quantity) in bytes. */
export function bytes(text: string | number | undefined): number {
  const v = parseQuantity(text);
  return v === undefined ? 0 : Math.ceil(v);
}

/** Formats millicores the way kubectl top / describe do ("250m", "2"). */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Formats bytes with the largest binary suffix that divides evenly ("128Mi"), else Ki-rounded. */
export function formatBytes(n: number): string {
  for (const [suffix, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (n >= size && n % size === 0) return `${n / size}${suffix}`;
  }
  return n >= 1024 ? `${Math.round(n / 1024)}Ki` : String(n);
}
