import { describe, expect, it } from 'vitest';
import { FILES_SOURCE, RELEASES_SOURCE, type VocabCommand, type Vocabulary } from '../../protocol/console';
import { applyCompletion, completionContext, type Need } from './completion';
import { splitLine } from './words';

const flag = (name: string, short: string | null, value: boolean) => ({ name, short, value });
const cmd = (name: string, flags = [] as VocabCommand['flags'], subcommands: VocabCommand[] = [], aliases: string[] = []): VocabCommand => ({ name, aliases, flags, subcommands });

const VOCAB: Vocabulary = {
  programs: [
    cmd('kubectl', [flag('namespace', 'n', true), flag('help', 'h', false)], [
      cmd('get', [flag('output', 'o', true), flag('watch', 'w', false), flag('all-namespaces', 'A', false)]),
      cmd('describe'),
      cmd('delete'),
      cmd('apply', [flag('filename', 'f', true)]),
      cmd('scale', [flag('replicas', null, true)]),
      cmd('rollout', [], [cmd('status'), cmd('undo'), cmd('history')]),
      cmd('cordon'),
      cmd('drain', [flag('ignore-daemonsets', null, false)]),
      cmd('logs', [flag('follow', 'f', false)]),
    ]),
    cmd('helm', [flag('namespace', 'n', true)], [cmd('install', [flag('set', null, true), flag('values', 'f', true)]), cmd('upgrade'), cmd('rollback'), cmd('repo', [], [cmd('add'), cmd('list')])]),
    cmd('sandbox', [], [cmd('kill', [], [cmd('node'), cmd('etcd')])]),
  ],
  resources: [
    { kind: 'Pod', resource: 'pods', singular: 'pod', group: '', shortNames: ['po'], namespaced: true },
    { kind: 'Deployment', resource: 'deployments', singular: 'deployment', group: 'apps', shortNames: ['deploy'], namespaced: true },
    { kind: 'Node', resource: 'nodes', singular: 'node', group: '', shortNames: ['no'], namespaced: false },
  ],
  charts: ['sandbox/webapp', 'splunk-otel-collector-chart/splunk-otel-collector'],
};

const names = (source: string, namespace: string | null, prefix = ''): Need => ({ kind: 'names', source, namespace, prefix });
const words = (...candidates: string[]): Need => ({ kind: 'words', candidates });

describe('completionContext', () => {
  it.each<[string, Need | null, string]>([
    ['', words('kubectl', 'helm', 'sandbox', 'clear'), ''],
    ['kub', words('kubectl', 'helm', 'sandbox', 'clear'), 'kub'],
    ['kubectl ', words('get', 'describe', 'delete', 'apply', 'scale', 'rollout', 'cordon', 'drain', 'logs'), ''],
    ['kubectl -n kube-system g', words('get', 'describe', 'delete', 'apply', 'scale', 'rollout', 'cordon', 'drain', 'logs'), 'g'],
    ['kubectl get ', words('pods', 'deployments', 'nodes'), ''],
    ['kubectl get pods ', names('pods', 'default'), ''],
    ['kubectl get pods -n kube-system co', names('pods', 'kube-system'), 'co'],
    ['kubectl get pods --namespace=team web', names('pods', 'team'), 'web'],
    ['kubectl get pods -A w', names('pods', null), 'w'],
    ['kubectl describe deploy/w', names('deploy', 'default', 'deploy/'), 'deploy/w'],
    ['kubectl get pods -n ', names('namespaces', 'default'), ''],
    ['kubectl get pods -o ', words('json', 'yaml', 'wide', 'name'), ''],
    ['kubectl get pods --output=y', words('--output=json', '--output=yaml', '--output=wide', '--output=name'), '--output=y'],
    ['kubectl get pods --w', words('--output', '--watch', '--all-namespaces', '--namespace', '--help'), '--w'],
    ['kubectl apply -f ', names(FILES_SOURCE, 'default'), ''],
    ['kubectl scale ', words('deployments', 'replicasets', 'statefulsets'), ''],
    ['kubectl rollout ', words('status', 'undo', 'history'), ''],
    ['kubectl rollout status deployment ', names('deployment', 'default'), ''],
    ['kubectl cordon w', names('nodes', 'default'), 'w'],
    ['kubectl drain --ignore-daemonsets w', names('nodes', 'default'), 'w'],
    ['kubectl logs -f ', names('pods', 'default'), ''],
    ['helm install otel ', words('sandbox/webapp', 'splunk-otel-collector-chart/splunk-otel-collector'), ''],
    ['helm install otel spl', words('sandbox/webapp', 'splunk-otel-collector-chart/splunk-otel-collector'), 'spl'],
    ['helm install ', null, ''],
    ['helm install x y --set ', null, ''],
    ['helm upgrade ', names(RELEASES_SOURCE, 'default'), ''],
    ['helm rollback -n obs o', names(RELEASES_SOURCE, 'obs'), 'o'],
    ['helm repo ', words('add', 'list'), ''],
    ['sandbox kill ', words('node', 'etcd'), ''],
    ['sandbox kill node ', names('nodes', 'default'), ''],
    ['kubectl get pods "we', null, 'we'],
    ['curl ', null, ''],
  ])('%j', (line, need, partial) => {
    const ctx = completionContext(line, line.length, VOCAB);
    expect(ctx.need).toEqual(need);
    expect(ctx.partial).toBe(partial);
  });

  it('completes the word under the cursor, not the end of the line', () => {
    const line = 'kubectl ge pods';
    expect(completionContext(line, 10, VOCAB)).toMatchObject({ start: 8, partial: 'ge' });
  });
});

describe('applyCompletion', () => {
  const run = (line: string, candidates: string[], cursor = line.length) => applyCompletion(line, cursor, completionContext(line, cursor, VOCAB), candidates);

  it.each<[string, string[], string, string[]]>([
    ['kubectl g', ['get', 'describe'], 'kubectl get ', []],
    ['kubectl get po', ['pods', 'deployments'], 'kubectl get pods ', []],
    ['kubectl get pods web', ['web-1', 'web-2', 'db'], 'kubectl get pods web-', ['web-1', 'web-2']],
    ['kubectl get pods web-', ['web-1', 'web-2'], 'kubectl get pods web-', ['web-1', 'web-2']],
    ['kubectl get pods zz', ['web-1'], 'kubectl get pods zz', []],
    ['kubectl describe deploy/w', ['deploy/web'], 'kubectl describe deploy/web ', []],
    ['kubectl get pods --output=y', ['--output=yaml'], 'kubectl get pods --output=yaml ', []],
    ['kubectl get pods --nam', ['--namespace'], 'kubectl get pods --namespace ', []],
    ['kubectl apply -f ', ['my file.yaml'], "kubectl apply -f 'my file.yaml' ", []],
  ])('%j with %j', (line, candidates, expected, shown) => {
    const out = run(line, candidates);
    expect(out.line).toBe(expected);
    expect(out.shown).toEqual(shown);
    expect(out.cursor).toBe(expected.length);
  });

  it('keeps what follows the cursor', () => {
    const out = run('kubectl ge pods', ['get'], 10);
    expect(out).toEqual({ line: 'kubectl get pods', cursor: 11, shown: [] });
  });
});

describe('splitLine', () => {
  it('understands quotes and escapes', () => {
    expect(splitLine(`helm install a "b c" d\\ e 'f`, 100)).toEqual({
      words: [{ text: 'helm', start: 0 }, { text: 'install', start: 5 }, { text: 'a', start: 13 }, { text: 'b c', start: 15 }, { text: 'd e', start: 21 }],
      current: { text: 'f', start: 26 },
      quoted: true,
    });
  });
});
