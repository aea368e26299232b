import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** 1-based line and column in the source text. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

function at(lc: LineCounter, offset: number): SourcePos {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

export function documentPosition(doc: Document, lc: LineCounter): SourcePos {
  const contents = doc.contents as Node | null;
  return at(lc, contents?.range?.[0] ?? doc.range?.[0] ?? 0);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * Locates a field path in a parsed document: the deepest key found along the path (so a
 * missing field points at its parent), or undefined when not even the first step exists.
 */
export function positionFinder(doc: Document, lc: LineCounter): (path: readonly (string | number)[]) => SourcePos | undefined {
  return (path) => {
    let node: unknown = doc.contents;
    let best: number | undefined = (doc.contents as Node | null)?.range?.[0];
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        best = (pair.key as Node | null)?.range?.[0] ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        best = item.range?.[0] ?? best;
        node = item;
      } else break;
    }
    return best === undefined ? undefined : at(lc, best);
  };
}
