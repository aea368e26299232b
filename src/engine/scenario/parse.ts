/**
 * Scenario YAML → Scenario, or every problem as `file:line:column: path: message`. The text
 * is untrusted (files, share links): size and alias limits apply, nothing is evaluated.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { formatPath, Issues, type Issue } from './checks';
import { decodeScenario } from './decode-scenario';
import { SCENARIO_API_VERSION } from './migrations';
import { SCENARIO_LIMITS, type ParseResult, type ScenarioError } from './types';

function start(node: unknown): number | undefined {
  const range = (node as { range?: unknown } | null)?.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Offset of the node an issue points at: the deepest node on its path that exists. */
function locate(doc: Document.Parsed, issue: Issue): number {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  for (let i = 0; i < issue.path.length; i++) {
    const seg = issue.path[i]!;
    const last = i === issue.path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) break;
      const valueStart = start(pair.value);
      if ((last && issue.at === 'key') || valueStart === undefined) {
        offset = start(pair.key) ?? offset;
        break;
      }
      node = pair.value;
      offset = valueStart;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      offset = start(node) ?? offset;
    } else break;
  }
  return offset;
}

const MAX_YAML_ERRORS = 5;

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

export function parseScenario(text: string, file: string): ParseResult {
  const at = (line: number, column: number, message: string, path = ''): ScenarioError => ({ file, line, column, path, message });
  if (text.length > SCENARIO_LIMITS.bytes) {
    return { ok: false, errors: [at(1, 1, `scenario is too large: ${text.length} characters (at most ${SCENARIO_LIMITS.bytes})`)] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const pos = (offset: number): { line: number; col: number } => {
    const p = lines.linePos(offset);
    return p.line === 0 ? { line: 1, col: offset + 1 } : p;
  };
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e) => {
    const p = pos(e.pos[0]);
    return at(p.line, p.col, `invalid YAML: ${firstLine(e.message)}`);
  });
  if (yamlProblems.length > MAX_YAML_ERRORS) {
    // One syntax error tends to cascade; the first few say where to look.
    const rest = yamlProblems.length - MAX_YAML_ERRORS;
    const last = yamlProblems[MAX_YAML_ERRORS - 1]!;
    yamlProblems.splice(MAX_YAML_ERRORS, rest, at(last.line, last.column, `(${rest} more YAML errors after this one not shown)`));
  }
  if (yamlProblems.length > 0) return { ok: false, errors: yamlProblems };
  if (doc.contents === null) return { ok: false, errors: [at(1, 1, `empty scenario: a scenario starts with "apiVersion: ${SCENARIO_API_VERSION}"`)] };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: SCENARIO_LIMITS.aliases });
  } catch (e) {
    return { ok: false, errors: [at(1, 1, `invalid YAML: ${firstLine(e instanceof Error ? e.message : String(e))}`)] };
  }
  const issues = new Issues();
  const scenario = decodeScenario(issues, raw);
  if (scenario && issues.list.length === 0) return { ok: true, scenario };
  const errors = issues.list.map((issue) => {
    const p = pos(locate(doc, issue));
    return at(p.line, p.col, issue.message, formatPath(issue.path));
  });
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}
