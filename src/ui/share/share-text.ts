import { LINK_LIMITS } from '../../scenarios/link/state';

/** `840 B`, `1.2 KB`, `64 KB`: a link's length as the share popover shows it (1 KB = 1024 characters). */
export function sizeText(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  const kb = chars / 1024;
  return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
}

/** Some chat apps and mail clients cut links past this length. */
export function isLong(chars: number): boolean {
  return chars > LINK_LIMITS.warnChars;
}
