import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { Cluster } from '../../cluster/cluster';
import { deploymentManifest } from '../../testing/actions';

function booted(): { c: Cluster; pod: string } {
  const c = new Cluster({ seed: 3, files: { 'web.yaml': deploymentManifest('web', 1, 100) }, config: { freezeObjects: true } }).boot();
  c.run('kubectl apply -f web.yaml');
  c.api.create({ component: 'user/kubectl' }, 'services', 'default', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  });
  c.advance(30_000);
  const pod = c.objects<Pod>('pods').find((p) => p.metadata.labels?.app === 'web')!.metadata.name;
  return { c, pod };
}

function run(c: Cluster, line: string): { exit: number | undefined; out: string[]; err: string[] } {
  const p = c.run(line);
  c.advance(20_000);
  return { exit: p.exitCode, out: p.lines.filter((l) => l.stream === 'stdout').map((l) => l.text), err: p.lines.filter((l) => l.stream === 'stderr').map((l) => l.text) };
}

describe('sandbox data-plane verbs', () => {
  const { c, pod } = booted();

  it('exec nslookup resolves a Service through CoreDNS, as busybox prints it', () => {
    const r = run(c, `sandbox exec ${pod} -- nslookup web`);
    expect(r.exit).toBe(0);
    expect(r.out[0]).toBe('Server:    10.96.0.10');
    expect(r.out[1]).toBe('Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local');
    expect(r.out[3]).toBe('Name:      web');
    expect(r.out[4]).toMatch(/^Address 1: 10\.\d+\.\d+\.\d+ web\.default\.svc\.cluster\.local$/);
  });

  it('exec curl answers after the simulated time the connection takes', () => {
    const p = c.run(`sandbox exec ${pod} -- curl -m 3 http://10.1.2.3`);
    expect(p.done).toBe(false);
    c.advance(3_000);
    expect(p.exitCode).toBe(28);
    expect(p.lines.map((l) => l.text)).toEqual(['curl: (28) Connection timed out after 3001 milliseconds']);
    expect(run(c, `sandbox exec ${pod} -- curl http://web`).exit).toBe(0);
  });

  it.each([
    ['sandbox exec nope -- nslookup web', 'Error from server (NotFound): pods "nope" not found'],
    ['sandbox exec POD -- ls', 'error: sandbox exec runs nslookup or curl, not "ls"'],
    ['sandbox exec POD -- curl -m x http://web', 'curl: option -m: expected a proper numerical parameter'],
    ['sandbox exec POD', 'error: a pod and a command are required'],
    ['sandbox iptables nope', 'error: node "nope" not found'],
    ['sandbox backend sideways', 'error: expected down or up, got "sideways"'],
  ])('%s', (line, message) => {
    const r = run(c, line.replace('POD', pod));
    expect(r.exit).not.toBe(0);
    expect(r.err[0]).toBe(message);
  });

  it('iptables prints kube-proxy\'s rules; the trace backend can be cut off and restored', () => {
    const rules = run(c, 'sandbox iptables worker-1').out;
    expect(rules).toContain('*nat');
    expect(rules.some((l) => l.includes('"default/web cluster IP"'))).toBe(true);
    expect(run(c, 'sandbox backend down').out).toEqual(['observability backend unreachable: collector agents queue and retry their exports']);
    expect(c.traffic.backendReachable).toBe(false);
    run(c, 'sandbox backend up');
    expect(c.traffic.backendReachable).toBe(true);
  });
});

describe('sandbox control-plane verbs on a single control plane', () => {
  const { c } = booted();

  it.each([
    ['sandbox kill etcd nope', 'error: etcd member "nope" not found (members: control-plane)'],
    ['sandbox partition nope', 'error: no machine named "nope"'],
    ['sandbox etcd status -w json', 'error: unsupported output format "json": use simple or table'],
    ['sandbox partition', 'error: at least one host is required'],
    ['sandbox restore etcd control-plane', 'error: etcd member "control-plane" is already running'],
  ])('%s', (line, message) => {
    const r = run(c, line);
    expect(r.exit).toBe(1);
    expect(r.err[0]).toBe(message);
  });

  it('status shows the one member; heal without a partition says so', () => {
    const status = run(c, 'sandbox etcd status').out;
    expect(status[1]).toMatch(/^control-plane\s+[0-9a-f]{16}\s+leader\s+2\s+\d+\s+\d+\.\d MB\s+running$/);
    expect(status.at(-1)).toBe('1/1 members running, quorum 1; leader control-plane (term 2); writes are committed');
    expect(run(c, 'sandbox heal').out).toEqual(['network is not partitioned']);
    expect(run(c, 'sandbox etcd alarm list')).toEqual({ exit: 0, out: [], err: [] });
  });
});
