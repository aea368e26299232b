/**
 * Orders names as people read them: `worker-2` before `worker-10`. Runs of digits compare
 * by value, everything else by code unit. Kubernetes names are ASCII (DNS-1123), so this
 * matches a numeric collator there, at a fraction of Intl.Collator's cost per comparison.
 */
export function naturalCompare(a: string, b: string): number {
  // Fast path: most names share a long prefix and first differ outside any number.
  let k = 0;
  const n = Math.min(a.length, b.length);
  while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  if (k === n) {
    if (a.length === b.length) return 0;
  } else if (!isDigit(a.charCodeAt(k)) && !isDigit(b.charCodeAt(k)) && (k === 0 || !isDigit(a.charCodeAt(k - 1)))) {
    return a.charCodeAt(k) - b.charCodeAt(k);
  }
  return slowCompare(a, b);
}

function slowCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const ei = digitsEnd(a, i);
      const ej = digitsEnd(b, j);
      // Leading zeros do not make a number larger.
      const si = skipZeros(a, i, ei);
      const sj = skipZeros(b, j, ej);
      const byLength = ei - si - (ej - sj);
      if (byLength !== 0) return byLength;
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j) || (a < b ? -1 : a > b ? 1 : 0);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digitsEnd(s: string, from: number): number {
  let k = from;
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  return k;
}

function skipZeros(s: string, from: number, end: number): number {
  let k = from;
  while (k < end - 1 && s.charCodeAt(k) === 48) k++;
  return k;
}
