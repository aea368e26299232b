import { describe, expect, it } from 'vitest';
import type { Deployment, Pod } from '../../api/types';
import { BareHost } from '../test-host';
import { applyManifestText } from './apply/apply';

function host(): BareHost {
  const h = new BareHost();
  h.seed('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: {}, status: { allocatable: { cpu: '4', memory: '8Gi' } } });
  h.seed('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-2' }, spec: {}, status: { allocatable: { cpu: '4', memory: '8Gi' } } });
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'worker-1', containers: [{ name: 'web', image: 'nginx' }, { name: 'sidecar', image: 'envoy' }] } };
  h.seed('pods', pod);
  return h;
}

describe('kubectl verbs on a bare API server', () => {
  it('top nodes pads every column, including the last, and marks nodes without metrics', () => {
    const h = host();
    h.nodeUsage.set('worker-1', { cpuMillis: 250, memoryBytes: 1536 * 2 ** 20 });
    expect(h.run('kubectl top nodes').text()).toBe([
      'NAME       CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ',
      'worker-1   250m         6%       1536Mi          18%         ',
      'worker-2   <unknown>                             <unknown>               ',
    ].join('\n'));
    expect(h.run('kubectl top pods').text()).toBe('error: metrics not available yet');
    h.podUsage.set('default/web', [{ container: 'web', usage: { cpuMillis: 3, memoryBytes: 40 * 2 ** 20 } }, { container: 'sidecar', usage: { cpuMillis: 2, memoryBytes: 10 * 2 ** 20 } }]);
    expect(h.run('kubectl top pods').text()).toBe('NAME   CPU(cores)   MEMORY(bytes)   \nweb    5m           50Mi            ');
  });

  it('logs defaults to the first container and says so, and follows new lines', () => {
    const h = host();
    h.logs.set('default/web/web', ['line 1', 'line 2']);
    const p = h.run('kubectl logs web');
    expect(p.lines.map((l) => [l.stream, l.text])).toEqual([
      ['stderr', 'Defaulted container "web" out of: web, sidecar'],
      ['stdout', 'line 1'],
      ['stdout', 'line 2'],
    ]);
    expect(h.run('kubectl logs web -c nope').text()).toBe('Error from server (BadRequest): container nope is not valid for pod web');
    expect(h.run('kubectl logs web -c sidecar').text()).toBe('Error from server (BadRequest): container "sidecar" in pod "web" is waiting to start: ContainerCreating');
    const f = h.run('kubectl logs -f web -c web --tail=1');
    expect(f.text()).toBe('line 2');
    h.logs.set('default/web/web', ['line 1', 'line 2', 'line 3']);
    h.advance(1_000);
    expect(f.text()).toBe('line 2\nline 3');
    f.interrupt();
    expect(f.exitCode).toBe(130);
  });

  it('label, taint and cordon report what they changed', () => {
    const h = host();
    expect(h.run('kubectl label pod web tier=fe').text()).toBe('pod/web labeled');
    expect(h.run('kubectl label pod web tier=be --overwrite').text()).toBe('pod/web labeled');
    expect(h.run('kubectl label pod web tier-').text()).toBe('pod/web unlabeled');
    expect(h.run('kubectl label pod web tier-').text()).toBe('label "tier" not found.\npod/web not labeled');
    expect(h.run('kubectl taint nodes worker-1 a=b:NoSchedule c:NoExecute').text()).toBe('node/worker-1 tainted');
    expect(h.run('kubectl taint nodes worker-1 a=z:NoSchedule --overwrite').text()).toBe('node/worker-1 modified');
    expect(h.run('kubectl taint node worker-1 a:NoSchedule-').text()).toBe('node/worker-1 untainted');
    expect(h.run('kubectl taint node worker-1 a-').text()).toBe('error: taint "a" not found');
    expect(h.run('kubectl taint pods web a=b:NoSchedule').text()).toBe('error: invalid resource type pods, only node types are supported');
    expect(h.run('kubectl taint nodes worker-1 a=b:Sometimes').text()).toBe('error: invalid taint effect: Sometimes, unsupported taint effect');
    expect(h.run('kubectl cordon worker-1 worker-2').text()).toBe('node/worker-1 cordoned\nnode/worker-2 cordoned');
    expect(h.run('kubectl cordon worker-1').text()).toBe('node/worker-1 already cordoned');
    expect(h.run('kubectl uncordon node/worker-1').text()).toBe('node/worker-1 uncordoned');
  });

  it('applyManifestText applies what the editor holds and marks where it failed', () => {
    const h = host();
    const ok = applyManifestText(h, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', 7, 'editor.yaml');
    expect([ok.process.exitCode, ok.process.text(), ok.markers]).toEqual([0, 'configmap/a created', []]);
    expect(applyManifestText(h, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', 8, 'editor.yaml').process.text()).toBe('configmap/a unchanged');
    const bad = applyManifestText(h, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n', 9, 'editor.yaml');
    expect(bad.process.exitCode).toBe(1);
    expect(bad.markers).toEqual([{ docIndex: 1, line: 9, column: 9, message: 'error: error parsing editor.yaml: error converting YAML to JSON: yaml: line 9, column 9: mapping values are not allowed in this context' }]);
    expect(h.api.peek('configmaps', 'default', 'b')).toBeUndefined();
  });

  it('create, patch, delete by selector and wait', () => {
    const h = host();
    h.files.set('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    app: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  labels:\n    app: x\n');
    expect(h.run('kubectl create -f cm.yaml').text()).toBe('configmap/a created\nconfigmap/b created');
    const dup = h.run('kubectl create -f cm.yaml');
    expect([dup.exitCode, dup.text()]).toEqual([1, 'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "a" already exists\nError from server (AlreadyExists): error when creating "cm.yaml": configmaps "b" already exists']);
    expect(h.run('kubectl patch cm a --type merge -p \'{"data":{"k":"v"}}\'').text()).toBe('configmap/a patched');
    expect(h.run('kubectl patch cm a -p \'{"data":{"k":"v"}}\'').text()).toBe('configmap/a patched (no change)');
    expect(h.api.peek('configmaps', 'default', 'a')?.data).toEqual({ k: 'v' });
    expect(h.run('kubectl create namespace team-a').text()).toBe('namespace/team-a created');
    expect(h.run('kubectl create deployment hello --image=registry.k8s.io/e2e/echo_server:1.0').text()).toBe('deployment.apps/hello created');
    expect(h.api.peek<Deployment>('deployments', 'default', 'hello')?.spec.template.spec.containers[0]?.name).toBe('echo-server');
    expect(h.run('kubectl delete cm -l app=x').text()).toBe('configmap "a" deleted\nconfigmap "b" deleted');
    expect(h.run('kubectl delete cm -l app=x').text()).toBe('No resources found');
    expect(h.run('kubectl delete cm nope').text()).toBe('Error from server (NotFound): configmaps "nope" not found');
    expect(h.run('kubectl delete cm nope --ignore-not-found').exitCode).toBe(0);
    expect(h.run('kubectl delete').text()).toContain('error: You must provide one or more resources by argument or filename.');
    const w = h.run('kubectl wait --for=condition=Ready pod/web --timeout=10s');
    expect(w.done).toBe(false);
    const pod = h.api.peek<Pod>('pods', 'default', 'web')!;
    h.api.update({ component: 'test' }, 'pods', { ...pod, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'status');
    h.advance(100);
    expect([w.exitCode, w.text()]).toEqual([0, 'pod/web condition met']);
    const timeout = h.run('kubectl wait --for=delete pod/web --timeout=5s');
    h.advance(5_000);
    expect([timeout.exitCode, timeout.text()]).toEqual([1, 'error: timed out waiting for the condition on pods/web']);
  });

  it('help: kubectl, a verb, a sub-command', () => {
    const h = host();
    const root = h.run('kubectl').text();
    expect(root).toContain('kubectl controls the Kubernetes cluster manager.');
    expect(root).toContain('  get             Display one or many resources');
    expect(h.run('kubectl get -h').text()).toContain('Usage:\n  kubectl get [(-o|--output=)json|yaml|name|wide|jsonpath]');
    expect(h.run('kubectl rollout').text()).toContain('Available Commands:\n  history       View rollout history');
    expect(h.run('kubectl help drain').text()).toContain('Drain node in preparation for maintenance.');
    expect(h.run('sandbox add node --help').text()).toContain('Usage:\n  sandbox add node NAME [flags]');
  });

  it('sandbox add passes validated options to the host', () => {
    const h = host();
    expect(h.run('sandbox add node worker-3 --cpu 8 --memory 16Gi --pods 50 --label tier=gpu --taint gpu=true:NoSchedule').text()).toBe('node/worker-3 added');
    expect(h.calls).toEqual(['add worker-3 {"cpu":"8","memory":"16Gi","pods":50,"labels":{"tier":"gpu"},"taints":[{"key":"gpu","effect":"NoSchedule","value":"true"}]}']);
    expect(h.run('sandbox add node w --cpu lots').text()).toBe('error: invalid --cpu "lots": must be a quantity such as 4 or 3500m');
  });
});
