import { FuncError } from '../errors';

/**
 * Masterminds/semver v3 constraint checking as `semverCompare` uses it: `>=1.21-0`, `<2`,
 * `~1.2`, `^1.2.3`, `1.x`, `1.2 - 1.4`, comma/space for AND, `||` for OR. A pre-release
 * version satisfies a constraint only when the constraint itself names a pre-release.
 */

interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareSemver(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Bound {
  readonly op: string;
  readonly v: Version;
  /** Which parts were wildcards or missing (`1.x`, `1`). */
  readonly wild: 'major' | 'minor' | 'patch' | 'none';
}

const CONSTRAINT = /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/;

function parseBound(text: string): Bound | undefined {
  const m = CONSTRAINT.exec(text);
  if (!m) return undefined;
  const isWild = (p: string | undefined) => p === undefined || /^[xX*]$/.test(p);
  const wild = isWild(m[2]) ? 'major' : isWild(m[3]) ? 'minor' : isWild(m[4]) ? 'patch' : 'none';
  const num = (p: string | undefined) => (p === undefined || /^[xX*]$/.test(p) ? 0 : Number(p));
  return { op: m[1] ?? '', v: { major: num(m[2]), minor: num(m[3]), patch: num(m[4]), pre: m[5] ?? '' }, wild };
}

function bump(v: Version, part: 'major' | 'minor' | 'patch'): Version {
  if (part === 'major') return { major: v.major + 1, minor: 0, patch: 0, pre: '' };
  if (part === 'minor') return { major: v.major, minor: v.minor + 1, patch: 0, pre: '' };
  return { major: v.major, minor: v.minor, patch: v.patch + 1, pre: '' };
}

function inRange(v: Version, lo: Version, hiExclusive: Version): boolean {
  return compareSemver(v, lo) >= 0 && compareSemver(v, hiExclusive) < 0;
}

function satisfies(v: Version, b: Bound): boolean {
  if (v.pre !== '' && b.v.pre === '') return false;
  const c = compareSemver(v, b.v);
  const upperOfWild = b.wild === 'minor' ? bump(b.v, 'major') : bump(b.v, 'minor');
  switch (b.op) {
    case '':
    case '=':
      if (b.wild === 'major') return true;
      if (b.wild !== 'none') return inRange(v, b.v, upperOfWild);
      return c === 0;
    case '!=':
      if (b.wild === 'major') return false;
      if (b.wild !== 'none') return !inRange(v, b.v, upperOfWild);
      return c !== 0;
    case '>':
      if (b.wild === 'minor') return compareSemver(v, bump(b.v, 'major')) >= 0;
      if (b.wild === 'patch') return compareSemver(v, bump(b.v, 'minor')) >= 0;
      return c > 0;
    case '>=':
    case '=>':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
    case '=<':
      if (b.wild !== 'none' && b.wild !== 'major') return compareSemver(v, upperOfWild) < 0;
      return c <= 0;
    case '~':
    case '~>':
      return inRange(v, b.v, b.wild === 'minor' ? bump(b.v, 'major') : bump(b.v, 'minor'));
    case '^':
      if (b.v.major > 0 || b.wild === 'minor') return inRange(v, b.v, bump(b.v, 'major'));
      if (b.v.minor > 0 || b.wild === 'patch') return inRange(v, b.v, bump(b.v, 'minor'));
      return inRange(v, b.v, bump(b.v, 'patch'));
    default:
      return false;
  }
}

function andGroup(text: string): Bound[][] {
  const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(text);
  if (hyphen) {
    const lo = parseBound(`>=${hyphen[1]}`);
    const hi = parseBound(`<=${hyphen[2]}`);
    if (!lo || !hi) throw new FuncError(`improper constraint: ${text}`);
    return [[lo, hi]];
  }
  const parts = text.replace(/(>=|<=|=>|=<|!=|~>|[<>=~^])\s+/g, '$1').split(/[\s,]+/).filter((p) => p.length > 0);
  const bounds = parts.map((p) => parseBound(p));
  if (bounds.length === 0 || bounds.some((b) => b === undefined)) throw new FuncError(`improper constraint: ${text}`);
  return [bounds.filter((b): b is Bound => b !== undefined)];
}

export function semverCompare(constraint: string, version: string): boolean {
  const groups = constraint.split('||').flatMap(andGroup);
  const v = parseSemver(version);
  if (!v) throw new FuncError('Invalid Semantic Version');
  return groups.some((g) => g.every((b) => satisfies(v, b)));
}
