import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSpec } from './flags';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: '' },
  { name: 'output', short: 'o', type: 'string', usage: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool', usage: '' },
  { name: 'watch', short: 'w', type: 'bool', usage: '' },
  { name: 'wait', type: 'bool', default: true, usage: '' },
  { name: 'replicas', short: 'r', type: 'int', default: 1, usage: '' },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: '' },
  { name: 'label', type: 'stringArray', usage: '' },
  { name: 'timeout', type: 'duration', default: '0s', usage: '' },
];

function ok(words: string[]) {
  const r = parseFlags(words, SPECS);
  if (!r.ok) throw new Error(r.error);
  return r.flags;
}

describe('parseFlags', () => {
  it('parses every pflag form and keeps positional arguments in order', () => {
    const f = ok(['pods', '-n', 'kube-system', 'web', '-oyaml', '--watch', '--replicas=3', '-A']);
    expect(f.args).toEqual(['pods', 'web']);
    expect(f.string('namespace')).toBe('kube-system');
    expect(f.string('output')).toBe('yaml');
    expect(f.bool('watch')).toBe(true);
    expect(f.bool('all-namespaces')).toBe(true);
    expect(f.int('replicas')).toBe(3);
  });

  it.each([
    [['-n=ns'], 'namespace', 'ns'],
    [['--namespace', 'ns'], 'namespace', 'ns'],
    [['--namespace='], 'namespace', ''],
    [['-o', 'wide'], 'output', 'wide'],
    [['-Aoyaml'], 'output', 'yaml'],
  ])('%j → %s=%s', (words, name, value) => {
    expect(ok(words).string(name)).toBe(value);
  });

  it('applies defaults, booleans with values, slices and arrays', () => {
    expect(ok([]).bool('wait')).toBe(true);
    expect(ok(['--wait=false']).bool('wait')).toBe(false);
    expect(ok([]).int('replicas')).toBe(1);
    expect(ok(['-f', 'a.yaml,b.yaml', '-f', 'c.yaml']).strings('filename')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(ok(['--label', 'a=b,c', '--label', 'd=e']).strings('label')).toEqual(['a=b,c', 'd=e']);
    expect(ok(['--timeout', '1m30s']).durationMs('timeout')).toBe(90_000);
    expect(ok([]).durationMs('timeout')).toBe(0);
    expect(ok(['--replicas=0x10']).int('replicas')).toBe(16);
    expect(ok(['a', '--', '-n', 'x']).args).toEqual(['a', '-n', 'x']);
    expect(ok(['-f', '-']).strings('filename')).toEqual(['-']);
    expect(ok(['-']).args).toEqual(['-']);
  });

  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['--foo=bar'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-Az'], "unknown shorthand flag: 'z' in -Az"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--replicas=abc'], 'invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [['--wait=maybe'], 'invalid argument "maybe" for "--wait" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    [['--timeout=5'], 'invalid argument "5" for "--timeout" flag: time: invalid duration "5"'],
  ])('%j fails: %s', (words, error) => {
    expect(parseFlags(words, SPECS)).toEqual({ ok: false, error });
  });
});
