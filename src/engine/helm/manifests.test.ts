import { describe, expect, it } from 'vitest';
import { INSTALL_ORDER, sortByKind, UNINSTALL_ORDER } from './install-order';
import { formatManifests, sortManifests, splitManifests } from './manifests';

const doc = (kind: string, name: string, extra = '') => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}${extra}`;

describe('splitManifests', () => {
  it('splits on ---, trims, drops empty documents', () => {
    expect(splitManifests('\n---\na: 1\n---   \nb: 2\n---\n')).toEqual(['a: 1', 'b: 2']);
    // Go's regexp consumes the newline after a separator, so a second one right after it
    // stays in the next document as a YAML start marker, exactly as in Helm.
    expect(splitManifests('a: 1\n---\n---\nb: 2')).toEqual(['a: 1', '---\nb: 2']);
    expect(splitManifests('a: "---"\nb: 1')).toEqual(['a: "---"\nb: 1']);
  });
});

describe('sortByKind (InstallOrder)', () => {
  it('is the list from kind_sorter.go', () => {
    expect(INSTALL_ORDER.slice(0, 3)).toEqual(['PriorityClass', 'Namespace', 'NetworkPolicy']);
    expect(INSTALL_ORDER.indexOf('Secret')).toBeLessThan(INSTALL_ORDER.indexOf('ConfigMap'));
    expect(INSTALL_ORDER.indexOf('Service')).toBeLessThan(INSTALL_ORDER.indexOf('DaemonSet'));
    expect(INSTALL_ORDER.indexOf('DaemonSet')).toBeLessThan(INSTALL_ORDER.indexOf('Deployment'));
    expect(INSTALL_ORDER).toHaveLength(36);
    expect(UNINSTALL_ORDER[0]).toBe('APIService');
  });

  it('UninstallOrder is its own list: the same kinds, Services right after Ingresses, not a plain reverse', () => {
    expect([...UNINSTALL_ORDER].sort()).toEqual([...INSTALL_ORDER].sort());
    expect(UNINSTALL_ORDER.slice(0, 6)).toEqual(['APIService', 'Ingress', 'IngressClass', 'Service', 'CronJob', 'Job']);
    expect(UNINSTALL_ORDER.slice(-3)).toEqual(['NetworkPolicy', 'Namespace', 'PriorityClass']);
    const web = [['Service', 'svc'], ['Deployment', 'dep'], ['Ingress', 'ing'], ['ConfigMap', 'cm'], ['DaemonSet', 'ds'], ['HorizontalPodAutoscaler', 'hpa']] as const;
    expect(sortByKind(web, (i) => i[0], UNINSTALL_ORDER).map((i) => i[1])).toEqual(['ing', 'svc', 'hpa', 'dep', 'ds', 'cm']);
  });

  it('orders known kinds, then unknown kinds alphabetically, stable within a kind', () => {
    const items = [
      ['Zebra', 'z1'], ['Deployment', 'd1'], ['Alpha', 'a1'], ['Service', 's1'], ['Deployment', 'd2'],
      ['Namespace', 'n1'], ['Zebra', 'z2'], ['ServiceAccount', 'sa'], ['Alpha', 'a2'], ['Service', 's2'],
    ] as const;
    expect(sortByKind(items, (i) => i[0]).map((i) => i[1])).toEqual(['n1', 'sa', 's1', 's2', 'd1', 'd2', 'a1', 'a2', 'z1', 'z2']);
  });
});

describe('sortManifests', () => {
  const files = new Map([
    ['c/templates/web.yaml', `${doc('Deployment', 'web')}\n---\n${doc('Service', 'web')}`],
    ['c/templates/a-config.yaml', `# a comment only document\n---\n${doc('ConfigMap', 'cfg')}\n---\n\n`],
    ['c/templates/_helpers.tpl', doc('Secret', 'never')],
    ['c/templates/empty.yaml', '\n  \n'],
    ['c/templates/hooks.yaml', [
      doc('Job', 'migrate', '\n  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-weight: "5"\n    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded'),
      doc('Pod', 'check', '\n  annotations:\n    helm.sh/hook: test-success'),
      doc('ConfigMap', 'first', '\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: "-1"'),
      doc('ConfigMap', 'odd', '\n  annotations:\n    helm.sh/hook: sometimes'),
      doc('ConfigMap', 'late', '\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-weight: "10"'),
    ].join('\n---\n')],
    ['c/templates/b-secret.yaml', doc('Secret', 's')],
  ]);

  it('separates hooks, skips partials and empty documents, sorts by kind (hooks too: weight orders them only when they run)', () => {
    const r = sortManifests(files);
    if (!r.ok) throw new Error(r.error);
    expect(r.manifests.map((m) => `${m.head.kind}/${m.head.name}@${m.name}`)).toEqual([
      'Secret/s@c/templates/b-secret.yaml',
      'ConfigMap/cfg@c/templates/a-config.yaml',
      'Service/web@c/templates/web.yaml',
      'Deployment/web@c/templates/web.yaml',
    ]);
    expect(r.hooks.map((h) => [h.kind, h.name, h.events, h.weight, h.deletePolicies])).toEqual([
      ['ConfigMap', 'first', ['pre-install'], -1, []],
      ['ConfigMap', 'late', ['post-install'], 10, []],
      ['Pod', 'check', ['test'], 0, []],
      ['Job', 'migrate', ['pre-install', 'pre-upgrade'], 5, ['before-hook-creation', 'hook-succeeded']],
    ]);
  });

  it('formats the release manifest like helm get manifest', () => {
    const r = sortManifests(new Map([['c/templates/x.yaml', doc('ConfigMap', 'x')]]));
    expect(r.ok && formatManifests(r.manifests)).toBe('---\n# Source: c/templates/x.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  });

  it('keeps integers as ints in the parsed object', () => {
    const r = sortManifests(new Map([['c/templates/d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3']]));
    expect(r.ok && r.manifests[0]?.object['spec']).toEqual({ replicas: 3n });
  });

  it.each([
    ['invalid YAML', 'a: [', 'YAML parse error on c/templates/bad.yaml: error converting YAML to JSON: yaml: line 1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a bare string document', 'just text', 'YAML parse error on c/templates/bad.yaml: error unmarshaling JSON: json: cannot unmarshal string into Go value of type releaseutil.SimpleHead'],
  ])('%s', (_n, text, error) => {
    expect(sortManifests(new Map([['c/templates/bad.yaml', text]]))).toEqual({ ok: false, error });
  });
});
