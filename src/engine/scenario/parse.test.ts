import { describe, expect, it } from 'vitest';
import { expandNodes } from '../cluster/cluster-spec';
import { parseScenario } from './parse';
import { formatScenarioError } from './types';

const HEAD = 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata:\n  name: demo\n';

function errorsOf(text: string): string[] {
  const r = parseScenario(text, 'demo.yaml');
  return r.ok ? [] : r.errors.map(formatScenarioError);
}

describe('parseScenario: a valid scenario', () => {
  const text = `${HEAD}  title: Demo run
  description: |
    Two lines
    of text.
spec:
  seed: 7
  cluster:
    distribution: k3s
    controlPlane: { nodes: 3, etcd: stacked }
    nodes:
      - name: agent-{i:02}
        count: 2
        capacity: { cpu: 2, memory: 4Gi, pods: 50 }
        labels: { pool: blue }
        taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
  files:
    web.yaml: |
      kind: Deployment
  steps:
    - at: 2m
      run: kubectl get pods
    - at: 0s
      run: kubectl apply -f web.yaml
      note: first
    - at: 90s
      run: sandbox kill node agent-01
    - at: 2m
      run: kubectl get nodes
`;

  it('produces the typed scenario with steps in time order (ties keep file order)', () => {
    const r = parseScenario(text, 'demo.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
    const s = r.scenario;
    expect(s.metadata).toEqual({ name: 'demo', title: 'Demo run', description: 'Two lines\nof text.' });
    expect(s.spec.seed).toBe(7);
    expect(s.spec.files).toEqual({ 'web.yaml': 'kind: Deployment\n' });
    expect(s.spec.steps).toEqual([
      { atMs: 0, run: 'kubectl apply -f web.yaml', note: 'first' },
      { atMs: 90_000, run: 'sandbox kill node agent-01' },
      { atMs: 120_000, run: 'kubectl get pods' },
      { atMs: 120_000, run: 'kubectl get nodes' },
    ]);
    expect(s.spec.cluster).toEqual({
      distribution: 'k3s',
      controlPlane: { nodes: 3, etcd: 'stacked' },
      nodes: [{ name: 'agent-{i:02}', count: 2, capacity: { cpu: '2', memory: '4Gi', pods: 50 }, labels: { pool: 'blue' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }],
    });
    expect(expandNodes(s.spec.cluster).map((n) => n.name)).toEqual(['server-1', 'server-2', 'server-3', 'agent-01', 'agent-02']);
  });

  it('defaults the seed, cluster, files, steps and title', () => {
    const r = parseScenario(`${HEAD}spec: {}\n`, 'demo.yaml');
    expect(r.ok && r.scenario).toEqual({
      metadata: { name: 'demo', title: 'demo', description: '' },
      spec: { seed: 1, cluster: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'worker-{i}', count: 2 }] }, files: {}, steps: [] },
    });
  });
});

describe('node name patterns', () => {
  it.each([
    ['worker-{i}', 3, ['worker-1', 'worker-2', 'worker-3']],
    ['node-{i:02}', 2, ['node-01', 'node-02']],
    ['gpu-{i:03}-a', 1, ['gpu-001-a']],
    ['edge', 1, ['edge']],
  ])('%s × %i', (name, count, want) => {
    const r = parseScenario(`${HEAD}spec:\n  cluster:\n    nodes:\n      - name: "${name}"\n        count: ${count}\n`, 'demo.yaml');
    expect(r.ok && expandNodes(r.scenario.spec.cluster).slice(1).map((n) => n.name)).toEqual(want);
  });
});

const CASES: [string, string, string[]][] = [
  ['empty file', '', ['demo.yaml:1:1: empty scenario: a scenario starts with "apiVersion: kube-sandbox.dev/v1"']],
  ['YAML syntax error', `${HEAD}spec: [\n`, ['demo.yaml:6:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ['duplicate key', `${HEAD}spec: {}\nspec: {}\n`, ['demo.yaml:6:1: invalid YAML: Map keys must be unique']],
  ['not a map', '- a\n- b\n', ['demo.yaml:1:1: expected a map, got a list']],
  ['wrong kind', 'apiVersion: kube-sandbox.dev/v1\nkind: Deployment\nmetadata: { name: demo }\nspec: {}\n', ['demo.yaml:2:7: kind: must be Scenario, got "Deployment"']],
  ['future version', 'apiVersion: kube-sandbox.dev/v9\nkind: Scenario\nmetadata: { name: demo }\nspec: {}\n', ['demo.yaml:1:13: apiVersion: unsupported version "kube-sandbox.dev/v9"; this build reads "kube-sandbox.dev/v1"']],
  ['missing spec', HEAD, ['demo.yaml:1:1: missing required field "spec"']],
  ['unknown top-level key', `${HEAD}spec: {}\nstatus: {}\n`, ['demo.yaml:6:1: status: unknown field; expected one of: apiVersion, kind, metadata, spec']],
  ['bad name', 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata:\n  name: Demo_1\nspec: {}\n', [
    "demo.yaml:4:9: metadata.name: invalid name: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]],
  ['seed of the wrong type', `${HEAD}spec:\n  seed: lucky\n`, ['demo.yaml:6:9: spec.seed: expected an integer, got the string "lucky"']],
  ['bad duration', `${HEAD}spec:\n  steps:\n    - at: 5x\n      run: kubectl get pods\n`, ['demo.yaml:7:11: spec.steps[0].at: invalid duration "5x": use a number and a unit, e.g. 90s, 1m30s, 2h']],
  ['duration without unit', `${HEAD}spec:\n  steps:\n    - at: 30\n      run: kubectl get pods\n`, ['demo.yaml:7:11: spec.steps[0].at: invalid duration the number 30: use a number and a unit, e.g. 90s, 1m30s, 2h']],
  ['step without run', `${HEAD}spec:\n  steps:\n    - at: 1m\n`, ['demo.yaml:7:7: spec.steps[0]: missing required field "run"']],
  ['multi-line command', `${HEAD}spec:\n  steps:\n    - at: 1m\n      run: "kubectl get pods\\nkubectl get nodes"\n`, ['demo.yaml:8:12: spec.steps[0].run: must be a single line']],
  ['unknown step key', `${HEAD}spec:\n  steps:\n    - at: 1m\n      run: kubectl get pods\n      wait: true\n`, ['demo.yaml:9:7: spec.steps[0].wait: unknown field; expected one of: at, run, note']],
  ['control plane of 2', `${HEAD}spec:\n  cluster:\n    controlPlane:\n      nodes: 2\n`, ['demo.yaml:8:14: spec.cluster.controlPlane.nodes: must be 1 or 3, got the number 2']],
  ['unknown distribution', `${HEAD}spec:\n  cluster:\n    distribution: minikube\n`, ['demo.yaml:7:19: spec.cluster.distribution: must be kubeadm or k3s, got the string "minikube"']],
  ['pattern without {i}', `${HEAD}spec:\n  cluster:\n    nodes:\n      - name: worker\n        count: 3\n`, ['demo.yaml:8:15: spec.cluster.nodes[0].name: pattern "worker" gives the same name to all 3 nodes; put {i} in it (e.g. "worker-{i}")']],
  [
    'two pools giving the same names',
    `${HEAD}spec:\n  cluster:\n    nodes:\n      - name: node-{i}\n        count: 2\n      - name: node-{i:01}\n        count: 1\n`,
    ['demo.yaml:10:15: spec.cluster.nodes[1].name: node name "node-1" is already used by spec.cluster.nodes[0]'],
  ],
  ['a worker named like the control plane', `${HEAD}spec:\n  cluster:\n    nodes:\n      - name: control-plane\n`, ['demo.yaml:8:15: spec.cluster.nodes[0].name: node name "control-plane" is already used by the control plane']],
  ['count over the limit', `${HEAD}spec:\n  cluster:\n    nodes:\n      - name: n-{i}\n        count: 9000\n`, ['demo.yaml:9:16: spec.cluster.nodes[0].count: must be between 1 and 5000, got 9000']],
  [
    'too many nodes in total',
    `${HEAD}spec:\n  cluster:\n    nodes:\n      - name: a-{i}\n        count: 3000\n      - name: b-{i}\n        count: 3000\n`,
    ['demo.yaml:8:7: spec.cluster.nodes: too many nodes: 6000 (at most 5000)'],
  ],
  ['bad capacity', `${HEAD}spec:\n  cluster:\n    nodes:\n      - name: n-{i}\n        capacity: { cpu: lots }\n`, ['demo.yaml:9:26: spec.cluster.nodes[0].capacity.cpu: expected a positive quantity such as "4", "500m" or "8Gi", got "lots"']],
  ['bad taint effect', `${HEAD}spec:\n  cluster:\n    nodes:\n      - name: n-{i}\n        taints: [{ key: a, effect: NoRun }]\n`, ['demo.yaml:9:36: spec.cluster.nodes[0].taints[0].effect: must be NoSchedule, PreferNoSchedule or NoExecute, got the string "NoRun"']],
  ['bad file name', `${HEAD}spec:\n  files:\n    ../etc/passwd: x\n`, ['demo.yaml:7:5: spec.files["../etc/passwd"]: invalid file name: use letters, digits, ".", "_", "-" and "/" (e.g. web.yaml, charts/values.yaml)']],
  ['prototype key in files', `${HEAD}spec:\n  files:\n    __proto__: x\n`, ['demo.yaml:7:5: spec.files.__proto__: reserved name, not allowed as a key']],
  [
    'every problem at once',
    `${HEAD}  colour: red\nspec:\n  seed: -1\n  steps:\n    - at: soon\n      run: ""\n`,
    [
      'demo.yaml:5:3: metadata.colour: unknown field; expected one of: name, title, description',
      'demo.yaml:7:9: spec.seed: must be between 0 and 4294967295, got -1',
      'demo.yaml:9:11: spec.steps[0].at: invalid duration "soon": use a number and a unit, e.g. 90s, 1m30s, 2h',
      'demo.yaml:10:12: spec.steps[0].run: must not be empty',
    ],
  ],
];

describe('parseScenario: errors with file:line:column', () => {
  it.each(CASES)('%s', (_what, text, want) => {
    expect(errorsOf(text)).toEqual(want);
  });

  it('stops alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const errs = errorsOf(bomb);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^demo\.yaml:1:1: invalid YAML: .*alias/i);
  });

  it('shows the first few YAML errors of a cascade, not all of them', () => {
    const errs = errorsOf(`${HEAD}spec:\n  cluster: { nodes: [{ name: worker-{i}, count: 1 }] }\n  steps:\n    - { at: 0s, run: x }\n    - { at: 1s, run: y }\n`);
    expect(errs).toHaveLength(6);
    expect(errs[0]).toMatch(/^demo\.yaml:6:\d+: invalid YAML: /);
    expect(errs[5]).toMatch(/^demo\.yaml:\d+:\d+: \(\d+ more YAML errors after this one not shown\)$/);
  });

  it('refuses oversized input before parsing', () => {
    expect(errorsOf(`${HEAD}spec: {}\n# ${'x'.repeat(1024 * 1024)}`)).toEqual([`demo.yaml:1:1: scenario is too large: ${HEAD.length + 11 + 1024 * 1024} characters (at most 1048576)`]);
  });

  it('leaves Object.prototype alone', () => {
    errorsOf(`${HEAD}spec:\n  files:\n    __proto__: { polluted: yes }\n`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
