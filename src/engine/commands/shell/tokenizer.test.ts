import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, tokenize } from './tokenizer';

describe('tokenize', () => {
  it.each([
    ['kubectl get pods', ['kubectl', 'get', 'pods']],
    ['  kubectl   get\tpods  ', ['kubectl', 'get', 'pods']],
    ["kubectl label pod x 'a=b c'", ['kubectl', 'label', 'pod', 'x', 'a=b c']],
    ['kubectl annotate pod x "msg=say \\"hi\\""', ['kubectl', 'annotate', 'pod', 'x', 'msg=say "hi"']],
    ['echo "a\\nb"', ['echo', 'a\\nb']],
    ["echo 'a\\nb'", ['echo', 'a\\nb']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo "" x', ['echo', '', 'x']],
    ["echo ''", ['echo', '']],
    ['echo ab"cd"\'ef\'', ['echo', 'abcdef']],
    ['kubectl get pods -l "app in (web,api)"', ['kubectl', 'get', 'pods', '-l', 'app in (web,api)']],
    ['kubectl get pods --sort-by={.metadata.name}', ['kubectl', 'get', 'pods', '--sort-by={.metadata.name}']],
    ['kubectl get pods # all of them', ['kubectl', 'get', 'pods']],
    ['kubectl run x#1', ['kubectl', 'run', 'x#1']],
    ['kubectl patch x -p \'{"a":"|"}\'', ['kubectl', 'patch', 'x', '-p', '{"a":"|"}']],
    ['', []],
    ['   ', []],
  ])('%s', (line, words) => {
    expect(tokenize(line)).toEqual({ ok: true, words });
  });

  it.each([
    ['kubectl get "pods', 'error: unbalanced quotes: the double quote (") at column 13 is never closed'],
    ["kubectl get 'pods", "error: unbalanced quotes: the single quote (') at column 13 is never closed"],
    ['kubectl get pods\\', 'error: unexpected end of line after a backslash'],
    ['kubectl get pods | grep web', 'error: "|" at column 18: pipes, redirections and command lists are not supported; run one command per line (quote the character to pass it literally)'],
    ['kubectl get pods > out.txt', 'error: ">" at column 18: pipes, redirections and command lists are not supported; run one command per line (quote the character to pass it literally)'],
    ['kubectl get pods; kubectl get nodes', 'error: ";" at column 17: pipes, redirections and command lists are not supported; run one command per line (quote the character to pass it literally)'],
  ])('rejects %s', (line, error) => {
    expect(tokenize(line)).toEqual({ ok: false, error });
  });

  it('caps very long input and very many words', () => {
    expect(tokenize(`kubectl get ${'x'.repeat(MAX_LINE_CHARS)}`)).toEqual({ ok: false, error: `error: command line too long (${MAX_LINE_CHARS + 12} characters; the limit is ${MAX_LINE_CHARS})` });
    expect(tokenize('a '.repeat(300))).toEqual({ ok: false, error: 'error: too many arguments (the limit is 256)' });
  });
});
