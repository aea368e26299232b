import { describe, expect, it } from 'vitest';
import { INSTALL_ORDER } from '../../install-order';
import { at, documents, renderWith } from '../test-support';
import { SPLUNK_OTEL_COLLECTOR_CHART } from '.';

const REQUIRED = ['clusterName=demo-cluster', 'splunkObservability.realm=us0', 'splunkObservability.accessToken=test-token'];

function render(extra: string[] = [], release = {}, valuesYaml?: string) {
  const r = renderWith(SPLUNK_OTEL_COLLECTOR_CHART, [...REQUIRED, ...extra], release, valuesYaml);
  if (!r.ok) throw new Error(r.error);
  return r.release;
}

function ids(extra: string[] = [], release = {}) {
  return documents(render(extra, release)).map((d) => `${d.kind}/${d.name}`);
}

describe('splunk-otel-collector chart', () => {
  it.each([
    ['defaults', [], [
      'ServiceAccount/otel-splunk-otel-collector',
      'Secret/otel-splunk-otel-collector',
      'ConfigMap/otel-splunk-otel-collector-otel-agent',
      'ConfigMap/otel-splunk-otel-collector-otel-k8s-cluster-receiver',
      'ClusterRole/otel-splunk-otel-collector',
      'ClusterRoleBinding/otel-splunk-otel-collector',
      'Service/otel-splunk-otel-collector-agent',
      'DaemonSet/otel-splunk-otel-collector-agent',
      'Deployment/otel-splunk-otel-collector-k8s-cluster-receiver',
    ]],
    ['operator enabled', ['operator.enabled=true'], [
      'ServiceAccount/otel-splunk-otel-collector',
      'Secret/otel-splunk-otel-collector',
      'ConfigMap/otel-splunk-otel-collector-otel-agent',
      'ConfigMap/otel-splunk-otel-collector-otel-k8s-cluster-receiver',
      'ClusterRole/otel-splunk-otel-collector',
      'ClusterRoleBinding/otel-splunk-otel-collector',
      'Service/otel-splunk-otel-collector-agent',
      'DaemonSet/otel-splunk-otel-collector-agent',
      'Deployment/otel-splunk-otel-collector-k8s-cluster-receiver',
      'Deployment/otel-operator',
    ]],
    ['agent disabled', ['agent.enabled=false'], [
      'ServiceAccount/otel-splunk-otel-collector',
      'Secret/otel-splunk-otel-collector',
      'ConfigMap/otel-splunk-otel-collector-otel-k8s-cluster-receiver',
      'ClusterRole/otel-splunk-otel-collector',
      'ClusterRoleBinding/otel-splunk-otel-collector',
      'Deployment/otel-splunk-otel-collector-k8s-cluster-receiver',
    ]],
    ['cluster receiver, RBAC and secret creation off', ['clusterReceiver.enabled=false', 'rbac.create=false', 'secret.create=false', 'secret.name=my-token'], [
      'ServiceAccount/otel-splunk-otel-collector',
      'ConfigMap/otel-splunk-otel-collector-otel-agent',
      'Service/otel-splunk-otel-collector-agent',
      'DaemonSet/otel-splunk-otel-collector-agent',
    ]],
    ['fullnameOverride', ['fullnameOverride=collector'], [
      'ServiceAccount/collector', 'Secret/collector', 'ConfigMap/collector-otel-agent', 'ConfigMap/collector-otel-k8s-cluster-receiver',
      'ClusterRole/collector', 'ClusterRoleBinding/collector', 'Service/collector-agent', 'DaemonSet/collector-agent', 'Deployment/collector-k8s-cluster-receiver',
    ]],
  ])('%s: kinds and names in install order', (_n, extra, want) => {
    expect(ids(extra)).toEqual(want);
  });

  it('names objects after the release alone when it contains the chart name', () => {
    expect(ids([], { name: 'splunk-otel-collector' })).toContain('DaemonSet/splunk-otel-collector-agent');
  });

  it('every document is valid YAML with apiVersion, kind and metadata.name, in InstallOrder', () => {
    for (const extra of [[], ['operator.enabled=true'], ['agent.enabled=false']]) {
      const kinds = documents(render(extra)).map((d) => d.kind);
      const ranks = kinds.map((k) => INSTALL_ORDER.indexOf(k));
      expect(ranks.every((r) => r >= 0)).toBe(true);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('agent: hostPorts equal containerPorts, node env from the downward API, default tolerations', () => {
    const ds = documents(render()).find((d) => d.kind === 'DaemonSet')!;
    const container = at(ds.obj, 'spec.template.spec.containers.0') as Record<string, unknown>;
    const ports = (container['ports'] as { name: string; containerPort: number; hostPort: number; protocol: string }[]).map((p) => [p.name, p.containerPort, p.hostPort, p.protocol]);
    expect(ports).toEqual([
      ['jaeger-grpc', 14250, 14250, 'TCP'],
      ['jaeger-thrift', 14268, 14268, 'TCP'],
      ['otlp', 4317, 4317, 'TCP'],
      ['otlp-http', 4318, 4318, 'TCP'],
      ['zipkin', 9411, 9411, 'TCP'],
    ]);
    const env = container['env'] as { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } } }[];
    expect(env.find((e) => e.name === 'K8S_NODE_NAME')?.valueFrom?.fieldRef?.fieldPath).toBe('spec.nodeName');
    expect(env.find((e) => e.name === 'K8S_NODE_IP')?.valueFrom?.fieldRef?.fieldPath).toBe('status.hostIP');
    expect(env.find((e) => e.name === 'SPLUNK_OBSERVABILITY_ACCESS_TOKEN')?.valueFrom?.secretKeyRef).toEqual({ name: 'otel-splunk-otel-collector', key: 'splunk_observability_access_token' });
    expect(env.find((e) => e.name === 'SPLUNK_MEMORY_LIMIT_MIB')?.value).toBe('500');
    expect(at(ds.obj, 'spec.template.spec.tolerations')).toEqual([
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master' },
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
    ]);
    expect(at(ds.obj, 'spec.template.spec.nodeSelector')).toBeUndefined();
    expect(at(ds.obj, 'spec.selector.matchLabels')).toEqual(at(ds.obj, 'spec.template.metadata.labels'));
  });

  it('traces off closes the trace-only ports', () => {
    const ds = documents(render(['splunkObservability.tracesEnabled=false'])).find((d) => d.kind === 'DaemonSet')!;
    const names = (at(ds.obj, 'spec.template.spec.containers.0.ports') as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(['otlp', 'otlp-http']);
  });

  it('custom nodeSelector and tolerations reach the agent pods', () => {
    const values = 'nodeSelector:\n  kubernetes.io/os: linux\n  pool: observability\ntolerations:\n  - key: dedicated\n    operator: Equal\n    value: observability\n    effect: NoSchedule\n';
    const ds = documents(render([], {}, values)).find((d) => d.kind === 'DaemonSet')!;
    expect(at(ds.obj, 'spec.template.spec.nodeSelector')).toEqual({ 'kubernetes.io/os': 'linux', pool: 'observability' });
    expect(at(ds.obj, 'spec.template.spec.tolerations')).toEqual([{ effect: 'NoSchedule', key: 'dedicated', operator: 'Equal', value: 'observability' }]);
  });

  it('--set tolerations=null removes the default tolerations', () => {
    const ds = documents(render(['tolerations=null'])).find((d) => d.kind === 'DaemonSet')!;
    expect(at(ds.obj, 'spec.template.spec.tolerations')).toBeUndefined();
  });

  it('agent Service keeps traffic on the node', () => {
    const svc = render().manifests.find((m) => m.head.kind === 'Service')!;
    expect(svc.content).toContain('internalTrafficPolicy: Local');
    expect(svc.content).toContain('    - name: otlp\n      port: 4317\n      targetPort: 4317\n      protocol: TCP');
  });

  const port = (name: string, n: number): string[] => [`    - name: ${name}`, `      port: ${n}`, `      targetPort: ${n}`, '      protocol: TCP'];
  it.each<[string, string[], Record<string, string>, string, string[]]>([
    ['defaults', [], {}, 'otel-splunk-otel-collector-agent', [...port('jaeger-grpc', 14250), ...port('jaeger-thrift', 14268), ...port('otlp', 4317), ...port('otlp-http', 4318), ...port('zipkin', 9411)]],
    ['traces off, fullnameOverride', ['splunkObservability.tracesEnabled=false', 'fullnameOverride=collector'], {}, 'collector-agent', [...port('otlp', 4317), ...port('otlp-http', 4318)]],
    ['a release named after the chart, in another namespace', ['splunkObservability.tracesEnabled=false'], { name: 'splunk-otel-collector', namespace: 'obs' }, 'splunk-otel-collector-agent', [...port('otlp', 4317), ...port('otlp-http', 4318)]],
  ])('agent Service, %s: rendered exactly', (_n, extra, release, name, ports) => {
    const r = render(extra, release);
    const svc = r.manifests.find((m) => m.head.kind === 'Service')!;
    const instance = (release as { name?: string }).name ?? 'otel';
    const selector = ['    app.kubernetes.io/name: splunk-otel-collector', `    app.kubernetes.io/instance: ${instance}`, '    app.kubernetes.io/component: otel-collector-agent'];
    expect(svc.content).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        `  name: ${name}`,
        `  namespace: ${(release as { namespace?: string }).namespace ?? 'observability'}`,
        '  labels:',
        '    helm.sh/chart: splunk-otel-collector-0.158.0',
        '    app.kubernetes.io/name: splunk-otel-collector',
        `    app.kubernetes.io/instance: ${instance}`,
        '    app.kubernetes.io/version: "0.158.0"',
        '    app.kubernetes.io/managed-by: Helm',
        '    app.kubernetes.io/component: otel-collector-agent',
        'spec:',
        '  type: ClusterIP',
        '  # Pods reach the agent on their own node only.',
        '  internalTrafficPolicy: Local',
        '  selector:',
        ...selector,
        '  ports:',
        ...ports,
      ].join('\n'),
    );
  });

  it('Secret holds the base64 token', () => {
    const secret = render().manifests.find((m) => m.head.kind === 'Secret')!;
    expect(secret.content).toBe(
      [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: otel-splunk-otel-collector',
        '  namespace: observability',
        '  labels:',
        '    helm.sh/chart: splunk-otel-collector-0.158.0',
        '    app.kubernetes.io/name: splunk-otel-collector',
        '    app.kubernetes.io/instance: otel',
        '    app.kubernetes.io/version: "0.158.0"',
        '    app.kubernetes.io/managed-by: Helm',
        'type: Opaque',
        'data:',
        '  splunk_observability_access_token: dGVzdC10b2tlbg==',
      ].join('\n'),
    );
  });

  it('agent config exports traces to the realm ingest endpoint and tags the cluster', () => {
    const cm = documents(render()).find((d) => d.name === 'otel-splunk-otel-collector-otel-agent')!;
    const relay = at(cm.obj, 'data.relay') as string;
    expect(relay).toContain('traces_endpoint: https://ingest.us0.observability.splunkcloud.com/v2/trace/otlp');
    expect(relay).toContain('metrics_endpoint: https://ingest.us0.observability.splunkcloud.com/v2/datapoint/otlp');
    expect(relay).toContain('    - action: upsert\n      key: k8s.cluster.name\n      value: demo-cluster');
    expect(relay).toContain('    traces:\n      exporters:\n      - otlp_http\n      - signalfx\n      processors:\n      - memory_limiter\n      - k8s_attributes\n      - batch\n      - resource_detection\n      - resource\n      receivers:\n      - otlp\n      - jaeger\n      - zipkin');
  });

  it('agent.config is merged over the generated configuration', () => {
    const cm = documents(render(['agent.config.processors.batch.timeout=5s'])).find((d) => d.name === 'otel-splunk-otel-collector-otel-agent')!;
    expect(at(cm.obj, 'data.relay') as string).toContain('  batch:\n    metadata_keys:\n    - X-SF-Token\n    timeout: 5s');
  });

  it('the config checksum changes with the configuration (rolls the agent on upgrade)', () => {
    const sum = (extra: string[]) => at(documents(render(extra)).find((d) => d.kind === 'DaemonSet')!.obj, 'spec.template.metadata.annotations.checksum/config');
    expect(sum([])).toMatch(/^[0-9a-f]{64}$/);
    expect(sum([])).toBe(sum([]));
    expect(sum(['clusterName=other'])).not.toBe(sum([]));
  });

  it('cluster receiver runs one replica; operator runs with its own labels', () => {
    const docs = documents(render(['operator.enabled=true']));
    const cr = docs.find((d) => d.name === 'otel-splunk-otel-collector-k8s-cluster-receiver')!;
    expect(at(cr.obj, 'spec.replicas')).toBe(1);
    const op = docs.find((d) => d.name === 'otel-operator')!;
    expect(at(op.obj, 'spec.selector.matchLabels')).toEqual({ 'app.kubernetes.io/name': 'operator', 'app.kubernetes.io/instance': 'otel', 'app.kubernetes.io/component': 'controller-manager' });
  });

  it.each([
    ['accessToken', ['clusterName=c', 'splunkObservability.realm=us0'], 'execution error at (splunk-otel-collector/templates/secret-splunk.yaml:11:40): splunkObservability.accessToken is required'],
    ['realm', ['clusterName=c', 'splunkObservability.accessToken=t'], 'execution error at (splunk-otel-collector/templates/deployment-cluster-receiver.yaml:22:28): splunkObservability.realm is required'],
    ['clusterName', ['splunkObservability.realm=us0', 'splunkObservability.accessToken=t'], 'execution error at (splunk-otel-collector/templates/deployment-cluster-receiver.yaml:22:28): clusterName is required'],
  ])('missing %s → required error', (_n, sets, error) => {
    expect(renderWith(SPLUNK_OTEL_COLLECTOR_CHART, sets)).toEqual({ ok: false, error });
  });

  it('NOTES name the realm, the agent and the endpoint applications use', () => {
    const notes = render(['operator.enabled=true']).notes;
    expect(notes).toContain('realm us0');
    expect(notes).toContain('DaemonSet otel-splunk-otel-collector-agent');
    expect(notes).toContain('value: "http://$(SPLUNK_OTEL_AGENT):4317"');
    expect(notes).toContain('Deployment otel-operator');
  });
});
