/**
 * Go's strconv float formatting for float64: the shortest digits that round-trip (JS gives
 * the same digits through `toExponential()`), laid out the way `%v`, `%g`, `%e` and `%f` do.
 */

interface Digits {
  readonly neg: boolean;
  /** Significant decimal digits, no leading/trailing zeros (at least one digit). */
  readonly d: string;
  /** Decimal point position: value = 0.d × 10^dp. */
  readonly dp: number;
}

function shortestDigits(f: number): Digits {
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  if (a === 0) return { neg, d: '0', dp: 1 };
  const [mant = '0', exp = '0'] = a.toExponential().split('e');
  return { neg, d: mant.replace('.', ''), dp: Number(exp) + 1 };
}

function digitsAtPrecision(f: number, decimalsAfterFirst: number): Digits {
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  if (a === 0) return { neg, d: '0'.repeat(decimalsAfterFirst + 1), dp: 1 };
  const [mant = '0', exp = '0'] = a.toExponential(Math.min(decimalsAfterFirst, 100)).split('e');
  return { neg, d: mant.replace('.', ''), dp: Number(exp) + 1 };
}

function special(f: number): string | undefined {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  return undefined;
}

function layoutE(g: Digits, prec: number, upper: boolean): string {
  const first = g.d[0] ?? '0';
  let frac = g.d.slice(1, 1 + prec);
  if (frac.length < prec) frac = frac.padEnd(prec, '0');
  const exp = g.d === '0' || /^0+$/.test(g.d) ? 0 : g.dp - 1;
  const expAbs = Math.abs(exp);
  const expText = `${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  return `${g.neg ? '-' : ''}${first}${prec > 0 ? `.${frac}` : ''}${upper ? 'E' : 'e'}${expText}`;
}

function layoutF(g: Digits, decimals: number): string {
  let int: string;
  let frac: string;
  if (g.dp <= 0) {
    int = '0';
    frac = '0'.repeat(-g.dp) + g.d;
  } else if (g.dp >= g.d.length) {
    int = g.d + '0'.repeat(g.dp - g.d.length);
    frac = '';
  } else {
    int = g.d.slice(0, g.dp);
    frac = g.d.slice(g.dp);
  }
  frac = frac.length > decimals ? frac.slice(0, decimals) : frac.padEnd(decimals, '0');
  return `${g.neg ? '-' : ''}${int}${decimals > 0 ? `.${frac}` : ''}`;
}

/** strconv.FormatFloat(f, 'g', -1, 64): what `%v` and `{{ 1.5 }}` print (`1e+06` for a million). */
export function formatFloatShortest(f: number): string {
  const s = special(f);
  if (s !== undefined) return s;
  const g = shortestDigits(f);
  const exp = g.dp - 1;
  // Shortest formatting decides between %e and %f with precision 6, whatever the digit count.
  if (exp < -4 || exp >= 6) return layoutE(g, g.d.length - 1, false);
  return layoutF(g, Math.max(g.d.length - g.dp, 0));
}

/** `%e` / `%E` with a precision (default 6). */
export function formatFloatE(f: number, prec: number, upper = false): string {
  const s = special(f);
  if (s !== undefined) return s;
  return layoutE(digitsAtPrecision(f, prec), prec, upper);
}

/** `%f` with a precision (default 6). */
export function formatFloatF(f: number, prec: number): string {
  const s = special(f);
  if (s !== undefined) return s;
  const fixed = Math.abs(f) < 1e21 ? Math.abs(f).toFixed(Math.min(prec, 100)) : undefined;
  if (fixed !== undefined) return `${f < 0 || Object.is(f, -0) ? '-' : ''}${fixed}`;
  return layoutF(shortestDigits(f), prec);
}

/** `%g` with an explicit precision (significant digits). */
export function formatFloatG(f: number, prec: number): string {
  const s = special(f);
  if (s !== undefined) return s;
  const p = prec === 0 ? 1 : prec;
  const g = digitsAtPrecision(f, p - 1);
  const trimmed: Digits = { neg: g.neg, d: g.d.replace(/0+$/, '') || '0', dp: g.dp };
  const exp = trimmed.dp - 1;
  if (exp < -4 || exp >= p) return layoutE(trimmed, trimmed.d.length - 1, false);
  return layoutF(trimmed, Math.max(trimmed.d.length - trimmed.dp, 0));
}
