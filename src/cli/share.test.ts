import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenarios';
import { EMPTY_VIEW, encodeLink } from '../scenarios/link';
import { packText } from '../scenarios/link/container';
import { memoryIo } from './io';
import { main } from './main';

const NODE_FAILURE = builtinScenario('node-failure')!.yaml;
const MINE = 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: mine }\nspec:\n  steps:\n    - { at: 5s, run: kubectl get nodes }\n';

async function link(argv: string[], files: Record<string, string> = {}): Promise<string> {
  const io = memoryIo(files);
  expect(await main(['link', ...argv], io)).toBe(0);
  expect(io.stdout).toHaveLength(1);
  return io.stdout[0]!;
}

describe('kube-sandbox link', () => {
  it('prints a link to a built-in at the start, and its length on stderr', async () => {
    const io = memoryIo();
    expect(await main(['link', 'node-failure'], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toMatch(/^http:\/\/localhost:5173\/#v1\.[A-Za-z0-9_-]+$/);
    expect(io.stderr).toEqual([`kube-sandbox: the link is ${io.stdout[0]!.length} characters long`]);
  });

  it('is deterministic, and --at / --base change the link', async () => {
    const plain = await link(['node-failure']);
    expect(await link(['node-failure'])).toBe(plain);
    const later = await link(['node-failure', '--at', '5m']);
    expect(later).not.toBe(plain);
    expect(await link(['node-failure', '--at=5m', '--base', 'https://sandbox.example/app/'])).toBe(later.replace('http://localhost:5173/', 'https://sandbox.example/app/'));
  });

  it('links a scenario file, carrying its text as written', async () => {
    const url = await link(['mine.yaml', '--at', '1m30s'], { 'mine.yaml': MINE });
    const io = memoryIo();
    expect(await main(['open', url], io)).toBe(0);
    expect(io.stdout).toEqual([
      '# Opened from a kube-sandbox share link.',
      '# time: 00:01:30',
      '# actions recorded in the page: none',
      '# view: default',
      ...MINE.trimEnd().split('\n'),
    ]);
    expect(io.stderr).toEqual([]);
  });

  it.each([
    ['an invalid scenario file', ['link', 'bad.yaml'], 1, ['bad.yaml:5:17: spec.steps[0].at: invalid duration "5x": use a number and a unit, e.g. 90s, 1m30s, 2h']],
    ['a missing file', ['link', 'nowhere.yaml'], 1, ['error: nowhere.yaml: no such file']],
    ['no scenario', ['link'], 2, ['error: which scenario? give a scenario file or a built-in name', 'Usage: kube-sandbox link <scenario.yaml | built-in name> [--at DURATION] [--base URL]']],
    ['two scenarios', ['link', 'a.yaml', 'b.yaml'], 2, ['error: expected one argument, got 2', 'Usage: kube-sandbox link <scenario.yaml | built-in name> [--at DURATION] [--base URL]']],
    ['a bad --at', ['link', 'node-failure', '--at', 'later'], 2, ['error: invalid --at "later": use a duration such as 5m, 90s or 1h30m']],
    ['an --at past a week', ['link', 'node-failure', '--at', '200h'], 2, ['error: --at 200h is too late: at most 168h']],
    ['a bad --base', ['link', 'node-failure', '--base', 'javascript:alert(1)'], 2, ['error: invalid --base "javascript:alert(1)": use an http:// or https:// address']],
    ['an unknown flag', ['link', 'node-failure', '--until', '5m'], 2, ['error: unknown flag: --until', 'Usage: kube-sandbox link <scenario.yaml | built-in name> [--at DURATION] [--base URL]']],
  ])('reports %s', async (_what, argv, code, stderr) => {
    const io = memoryIo({ 'bad.yaml': 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: bad }\nspec:\n  steps: [{ at: 5x, run: kubectl get pods }]\n' });
    expect(await main(argv, io)).toBe(code);
    expect(io.stderr).toEqual(stderr);
    expect(io.stdout).toEqual([]);
  });

  it('warns when the link passes 8 KB', async () => {
    const files = Array.from({ length: 60 }, (_, i) => `    f${i}.yaml: "${Array.from({ length: 40 }, (_, k) => ((i * 7919 + k * 104729) % 1000003).toString(36)).join(' ')}"`).join('\n');
    const big = `${MINE}  files:\n${files}\n`;
    const io = memoryIo({ 'big.yaml': big });
    expect(await main(['link', 'big.yaml'], io)).toBe(0);
    expect(io.stdout[0]!.length).toBeGreaterThan(8192);
    expect(io.stderr).toEqual([`kube-sandbox: the link is ${io.stdout[0]!.length} characters long`, 'kube-sandbox: warning: links over 8 KB may be cut by chat apps and some browsers']);
  });
});

describe('kube-sandbox open', () => {
  it('prints the scenario of a link made by `link`, from the URL or the bare fragment', async () => {
    const url = await link(['node-failure', '--at', '7m30s']);
    for (const arg of [url, url.slice(url.indexOf('#')), url.slice(url.indexOf('#') + 1)]) {
      const io = memoryIo();
      expect(await main(['open', arg], io)).toBe(0);
      expect(io.stdout.slice(0, 4)).toEqual(['# Opened from a kube-sandbox share link.', '# time: 00:07:30', '# actions recorded in the page: none', '# view: default']);
      expect(`${io.stdout.slice(4).join('\n')}\n`).toBe(NODE_FAILURE);
    }
  });

  it('lists recorded actions and the view, and prints repair notices on stderr', async () => {
    const e = encodeLink({
      scenario: NODE_FAILURE,
      actions: [{ atMs: 61_000, run: 'sandbox kill node worker-2' }, { atMs: 75_000, run: 'kubectl get pods -o wide' }],
      timeMs: 80_000,
      view: { ...EMPTY_VIEW, positions: { 'worker-1': { x: 1, y: 2 }, ghost: { x: 0, y: 0 } }, panels: ['events'], selected: { kind: 'pod', namespace: 'default', name: 'web-1' }, theme: 'dark' },
    });
    const io = memoryIo();
    expect(await main(['open', `https://x.example/#${e.ok ? e.fragment : ''}`], io)).toBe(0);
    expect(io.stdout.slice(0, 6)).toEqual([
      '# Opened from a kube-sandbox share link.',
      '# time: 00:01:20',
      '# actions recorded in the page:',
      '#   [00:01:01] sandbox kill node worker-2',
      '#   [00:01:15] kubectl get pods -o wide',
      '# view: 1 node position(s); selected pod default/web-1; panels: events; theme: dark',
    ]);
    expect(io.stderr).toEqual(['kube-sandbox: link: view.positions: ignored 1 position(s) for nodes the scenario does not have: ghost']);
  });

  it.each([
    ['a corrupt link', 'http://localhost:5173/#v1.AAAA', 'error: link: truncated data (3 of 5 bytes)'],
    ['an unknown version', '#v3.AAAA', 'error: link: unsupported link version v3 (this build reads v1); opening the default scenario'],
    ['an empty fragment', 'http://localhost:5173/#', 'error: link: no link'],
    ['a link carrying an invalid scenario', `#${packText(1, JSON.stringify({ scenario: 'kind: Nope', actions: [], timeMs: 0, view: EMPTY_VIEW }))}`, expect.stringMatching(/^error: link: the scenario it carries is invalid:\n {2}link-scenario.yaml:1:1: /)],
  ])('fails with exit code 1 on %s', async (_what, arg, error) => {
    const io = memoryIo();
    expect(await main(['open', arg], io)).toBe(1);
    expect(io.stderr).toEqual([error]);
    expect(io.stdout).toEqual([]);
  });

  it('needs exactly one link', async () => {
    const io = memoryIo();
    expect(await main(['open'], io)).toBe(2);
    expect(io.stderr).toEqual(['error: which link? give a link (http://…/#v1.…) or its fragment', 'Usage: kube-sandbox open <link | fragment>']);
    const help = memoryIo();
    expect(await main(['open', '--help'], help)).toBe(0);
    expect(help.stdout[0]).toBe('Usage: kube-sandbox open <link | fragment>');
  });
});
