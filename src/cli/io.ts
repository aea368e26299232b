/** Where the CLI reads and writes; injected so tests can capture output. */
import { readFileSync, statSync } from 'node:fs';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The file's text, or an error message to show. */
  readFile(path: string, maxBytes: number): { text: string } | { error: string };
}

function readFile(path: string, maxBytes: number): { text: string } | { error: string } {
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return { error: `${path}: file is too large (${size} bytes, at most ${maxBytes})` };
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') return { error: `${path}: no such file` };
    if (code === 'EISDIR') return { error: `${path}: is a directory` };
    return { error: `${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function processIo(): CliIo {
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    readFile,
  };
}

/** Collects output in memory (tests). */
export function memoryIo(files: Record<string, string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => void stdout.push(line),
    err: (line) => void stderr.push(line),
    readFile: (path) => (path in files ? { text: files[path]! } : { error: `${path}: no such file` }),
  };
}
