import { beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster/cluster';
import { bootCluster, container, create, deployment, outcome, pod } from '../admission/test-cluster';
import { DNS1123_LABEL_ERROR } from '../validation-names';
import { deepClone } from '../../util/clone';

const QUALIFIED =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function withTemplate(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return deployment(name, { template: { metadata: { labels: { app: name } }, spec } });
}

function job(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { containers: [container()], ...spec } } } };
}

function service(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ...spec } };
}

const CASES: [string, string, Record<string, unknown>, string][] = [
  ['negative replicas', 'deployments', deployment('neg', { replicas: -1 }), 'Deployment.apps "neg" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
  [
    'selector not matching the template',
    'deployments',
    deployment('mismatch', { template: { metadata: { labels: { app: 'x' } }, spec: { containers: [container()] } } }),
    'Deployment.apps "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
  ],
  [
    'missing selector',
    'deployments',
    deployment('nosel', { selector: undefined }),
    'Deployment.apps "nosel" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nosel"}: `selector` does not match template `labels`]',
  ],
  [
    'empty selector',
    'deployments',
    deployment('emptysel', { selector: { matchLabels: {} } }),
    'Deployment.apps "emptysel" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  ],
  [
    'missing template',
    'deployments',
    deployment('notpl', { template: undefined }),
    'Deployment.apps "notpl" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`, spec.template.spec.containers: Required value]',
  ],
  ['no containers', 'deployments', withTemplate('noctr', { containers: [] }), 'Deployment.apps "noctr" is invalid: spec.template.spec.containers: Required value'],
  ['missing image', 'deployments', withTemplate('noimg', { containers: [{ name: 'app' }] }), 'Deployment.apps "noimg" is invalid: spec.template.spec.containers[0].image: Required value'],
  [
    'bad cpu quantity',
    'deployments',
    withTemplate('badcpu', { containers: [container({ resources: { requests: { cpu: 'abc' } } })] }),
    'Deployment.apps "badcpu" is invalid: spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "abc": must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$',
  ],
  [
    'negative memory',
    'pods',
    pod('negmem', { containers: [container({ resources: { limits: { memory: '-1Gi' } } })] }),
    // Requests default to limits, so the bad limit is reported twice, as kube-apiserver does.
    'Pod "negmem" is invalid: [spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0, spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0]',
  ],
  [
    'requests above limits',
    'pods',
    pod('greedy', { containers: [container({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] }),
    'Pod "greedy" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  ],
  ['upper-case container name', 'pods', pod('caps', { containers: [container({ name: 'Web' })] }), `Pod "caps" is invalid: spec.containers[0].name: Invalid value: "Web": ${DNS1123_LABEL_ERROR}`],
  ['duplicate container names', 'pods', pod('twins', { containers: [container(), container()] }), 'Pod "twins" is invalid: spec.containers[1].name: Duplicate value: "app"'],
  [
    'container port out of range',
    'pods',
    pod('bigport', { containers: [container({ ports: [{ containerPort: 70000 }] })] }),
    'Pod "bigport" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ],
  [
    'bad port name',
    'pods',
    pod('portname', { containers: [container({ ports: [{ name: 'http_web', containerPort: 80 }] })] }),
    'Pod "portname" is invalid: spec.containers[0].ports[0].name: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
  ],
  ['bad restartPolicy', 'pods', pod('sometimes', { restartPolicy: 'Sometimes' }), 'Pod "sometimes" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  [
    'tolerationSeconds without NoExecute',
    'pods',
    pod('tolsec', { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 10 }] }),
    'Pod "tolsec" is invalid: spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
  ],
  ['bad label key', 'pods', pod('badlabel', {}, { labels: { 'app name': 'web' } }), `Pod "badlabel" is invalid: metadata.labels: Invalid value: "app name": ${QUALIFIED}`],
  [
    'label value too long',
    'pods',
    pod('longlabel', {}, { labels: { app: 'x'.repeat(64) } }),
    `Pod "longlabel" is invalid: metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
  ],
  [
    'template restartPolicy other than Always',
    'deployments',
    withTemplate('never', { restartPolicy: 'Never', containers: [container()] }),
    'Deployment.apps "never" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ],
  [
    'maxUnavailable and maxSurge both 0',
    'deployments',
    deployment('stuck', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
    'Deployment.apps "stuck" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
  ],
  ['Job with the default restartPolicy', 'jobs', job('always', {}), 'Job.batch "always" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"'],
  ['Job with negative backoffLimit', 'jobs', { ...job('backoff', { restartPolicy: 'Never' }), spec: { backoffLimit: -2, template: { spec: { restartPolicy: 'Never', containers: [container()] } } } }, 'Job.batch "backoff" is invalid: spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0'],
  [
    'Service with two unnamed ports',
    'services',
    service('twoports', { ports: [{ port: 80 }, { port: 443 }] }),
    'Service "twoports" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
  ],
  [
    'Service port 0',
    'services',
    service('zeroport', { ports: [{ port: 0 }] }),
    'Service "zeroport" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: must be between 1 and 65535, inclusive]',
  ],
  [
    'Service targetPort name',
    'services',
    service('tpname', { ports: [{ port: 80, targetPort: 'web_port' }] }),
    'Service "tpname" is invalid: spec.ports[0].targetPort: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"web_port"}: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
  ],
  ['Service without ports', 'services', service('noports', {}), 'Service "noports" is invalid: spec.ports: Required value'],
  ['Service of an unknown type', 'services', service('weird', { type: 'Magic', ports: [{ port: 80 }] }), 'Service "weird" is invalid: spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
  [
    'Node taint with an unknown effect',
    'nodes',
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'tainted' }, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoRun' }] } },
    'Node "tainted" is invalid: spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ],
  [
    'duplicate Node taints',
    'nodes',
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'twice' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'b', effect: 'NoSchedule' }] } },
    'Node "twice" is invalid: spec.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"b", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
  ],
  ['non-list containers', 'pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'junk' }, spec: { containers: 'nginx' } }, 'Pod "junk" is invalid: spec.containers: Invalid value: "nginx": must be a list'],
];

describe('validation on create', () => {
  let c: Cluster;
  beforeAll(() => {
    c = bootCluster();
  });

  it.each(CASES)('%s', (_what, resource, obj, message) => {
    const r = create(c, resource, obj);
    expect(outcome(r)).toBe(message);
    if (!r.ok) expect(r.status.code).toBe(422);
  });

  it('accepts a well-formed object of every workload kind', () => {
    expect(outcome(create(c, 'deployments', deployment('fine')))).toBe('ok');
    expect(outcome(create(c, 'daemonsets', { ...deployment('fine-ds'), kind: 'DaemonSet' }))).toBe('ok');
    expect(outcome(create(c, 'statefulsets', { ...deployment('fine-sts'), kind: 'StatefulSet' }))).toBe('ok');
    expect(outcome(create(c, 'jobs', job('fine-job', { restartPolicy: 'OnFailure' })))).toBe('ok');
  });
});

describe('validation on update', () => {
  let c: Cluster;
  beforeAll(() => {
    c = bootCluster();
  });

  function put(resource: string, mutate: (o: Record<string, unknown>) => void, name: string): string {
    const current = c.api.peek(resource, 'default', name)!;
    const next = deepClone(current) as Record<string, unknown>;
    mutate(next);
    return outcome(c.api.update({ component: 'user/kubectl' }, resource, next as typeof current));
  }

  it('lets a pod change its image and add tolerations, nothing else', () => {
    expect(outcome(create(c, 'pods', pod('upd')))).toBe('ok');
    const spec = (o: Record<string, unknown>): Record<string, unknown> => o.spec as Record<string, unknown>;
    const ctr = (o: Record<string, unknown>): Record<string, unknown> => (spec(o).containers as Record<string, unknown>[])[0]!;
    expect(put('pods', (o) => void (ctr(o).image = 'nginx:1.27'), 'upd')).toBe('ok');
    expect(put('pods', (o) => void (spec(o).tolerations = [...(spec(o).tolerations as unknown[]), { key: 'x', operator: 'Exists' }]), 'upd')).toBe('ok');
    expect(put('pods', (o) => void (spec(o).restartPolicy = 'Never'), 'upd')).toBe(`Pod "upd" is invalid: spec: Forbidden: ${UPDATABLE}`);
    expect(put('pods', (o) => void (spec(o).tolerations = []), 'upd')).toBe(`Pod "upd" is invalid: spec: Forbidden: ${UPDATABLE}`);
    expect(put('pods', (o) => void (spec(o).activeDeadlineSeconds = 60), 'upd')).toBe('ok');
    expect(put('pods', (o) => void (spec(o).activeDeadlineSeconds = 120), 'upd')).toBe('Pod "upd" is invalid: spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value');
  });

  it('keeps a Deployment selector immutable but lets replicas change', () => {
    expect(outcome(create(c, 'deployments', deployment('sel')))).toBe('ok');
    const spec = (o: Record<string, unknown>): Record<string, unknown> => o.spec as Record<string, unknown>;
    expect(put('deployments', (o) => void (spec(o).replicas = 5), 'sel')).toBe('ok');
    expect(
      put(
        'deployments',
        (o) => {
          spec(o).selector = { matchLabels: { app: 'sel', tier: 'web' } };
          spec(o).template = { metadata: { labels: { app: 'sel', tier: 'web' } }, spec: { containers: [container()] } };
        },
        'sel',
      ),
    ).toBe('Deployment.apps "sel" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"sel", "tier":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });

  it('forbids StatefulSet spec changes outside the updatable fields', () => {
    expect(outcome(create(c, 'statefulsets', { ...deployment('db'), kind: 'StatefulSet' }))).toBe('ok');
    expect(put('statefulsets', (o) => void ((o.spec as Record<string, unknown>).replicas = 3), 'db')).toBe('ok');
    expect(put('statefulsets', (o) => void ((o.spec as Record<string, unknown>).serviceName = 'other'), 'db')).toBe(
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});
