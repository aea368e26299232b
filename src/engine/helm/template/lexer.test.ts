import { describe, expect, it } from 'vitest';
import { lex } from './lexer';

function kinds(text: string): string[] {
  return lex(text).map((i) => (i.type === 'text' || i.type === 'error' ? `${i.type}:${i.val}` : i.type === 'space' ? '_' : `${i.type}${['leftDelim', 'rightDelim', 'eof'].includes(i.type) ? '' : `:${i.val}`}`));
}

describe('lex', () => {
  it.each([
    ['plain text', 'hello', ['text:hello', 'eof']],
    ['field chain', '{{.Values.a}}', ['leftDelim', 'field:.Values', 'field:.a', 'rightDelim', 'eof']],
    ['left trim removes preceding spaces and newlines', 'a \n\t{{- .x}}', ['text:a', 'leftDelim', 'field:.x', 'rightDelim', 'eof']],
    ['right trim removes following whitespace', '{{.x -}} \n b', ['leftDelim', 'field:.x', 'rightDelim', 'text:b', 'eof']],
    ['minus without space is a number', '{{-3}}', ['leftDelim', 'number:-3', 'rightDelim', 'eof']],
    ['comment is dropped', 'a{{/* note */}}b', ['text:a', 'text:b', 'eof']],
    ['trimmed comment', 'a  {{- /* x */ -}}  b', ['text:a', 'text:b', 'eof']],
    ['declare and assign', '{{$x := 1}}{{$x = 2}}', ['leftDelim', 'variable:$x', '_', 'declare::=', '_', 'number:1', 'rightDelim', 'leftDelim', 'variable:$x', '_', 'assign:=', '_', 'number:2', 'rightDelim', 'eof']],
    ['keywords, pipe, strings', '{{if .a | not}}{{"s"}}{{`r`}}{{end}}', ['leftDelim', 'if:if', '_', 'field:.a', '_', 'pipe:|', '_', 'identifier:not', 'rightDelim', 'leftDelim', 'string:"s"', 'rightDelim', 'leftDelim', 'rawString:`r`', 'rightDelim', 'leftDelim', 'end:end', 'rightDelim', 'eof']],
    ['dot, root variable, parens, bool, nil, char', "{{(.) $ true nil 'a'}}", ['leftDelim', 'leftParen:(', 'dot:.', 'rightParen:)', '_', 'variable:$', '_', 'bool:true', '_', 'nil:nil', '_', "charConstant:'a'", 'rightDelim', 'eof']],
    ['range declaration with comma', '{{range $i, $v := .l}}', ['leftDelim', 'range:range', '_', 'variable:$i', 'char:,', '_', 'variable:$v', '_', 'declare::=', '_', 'field:.l', 'rightDelim', 'eof']],
    ['numbers', '{{0x1F 1.5e3 .5 0o17 0b101}}', ['leftDelim', 'number:0x1F', '_', 'number:1.5e3', '_', 'number:.5', '_', 'number:0o17', '_', 'number:0b101', 'rightDelim', 'eof']],
    ['action spanning lines', '{{ .a\n | quote }}', ['leftDelim', '_', 'field:.a', '_', 'pipe:|', '_', 'identifier:quote', '_', 'rightDelim', 'eof']],
  ])('%s', (_name, input, want) => {
    expect(kinds(input)).toEqual(want);
  });

  it.each([
    ['unclosed action', '{{ .a', 'unclosed action'],
    ['unclosed comment', '{{/* x', 'unclosed comment'],
    ['comment without delimiter', '{{/* x */ .a}}', 'comment ends before closing delimiter'],
    ['unterminated string', '{{ "abc }}', 'unterminated quoted string'],
    ['unterminated raw string', '{{ `abc }}', 'unterminated raw quoted string'],
    ['bad number', '{{ 3x }}', 'bad number syntax: "3x"'],
    ['bad character in field', '{{ .a-b }}', "bad character U+002D '-'"],
    ['stray right paren', '{{ ) }}', 'unexpected right paren'],
    ['unclosed paren', '{{ (.a }}', 'unclosed left paren'],
    ['colon without equals', '{{ $x : 1 }}', 'expected :='],
    ['unicode symbol', '{{ § }}', "unrecognized character in action: U+00A7 '§'"],
  ])('%s → error', (_name, input, message) => {
    const items = lex(input);
    const last = items[items.length - 1]!;
    expect(last.type).toBe('error');
    expect(last.val).toBe(message);
  });

  it('records the line each item starts on', () => {
    const items = lex('a\nb\n{{ .x }}\n{{ .y\n}}');
    expect(items.filter((i) => i.type === 'field').map((i) => [i.val, i.line])).toEqual([
      ['.x', 3],
      ['.y', 4],
    ]);
  });
});
