import { describe, expect, it } from 'vitest';
import { at, documents, renderWith } from '../test-support';
import { WEBAPP_CHART } from '.';

function render(sets: string[] = [], valuesYaml?: string) {
  const r = renderWith(WEBAPP_CHART, sets, { name: 'shop', namespace: 'default' }, valuesYaml);
  if (!r.ok) throw new Error(r.error);
  return r.release;
}

describe('sandbox/webapp chart', () => {
  it.each([
    ['defaults', [], ['Service/shop-webapp', 'Deployment/shop-webapp']],
    ['ingress enabled', ['ingress.enabled=true'], ['Service/shop-webapp', 'Deployment/shop-webapp', 'Ingress/shop-webapp']],
    ['autoscaling enabled', ['autoscaling.enabled=true'], ['Service/shop-webapp', 'Deployment/shop-webapp', 'HorizontalPodAutoscaler/shop-webapp']],
  ])('%s', (_n, sets, want) => {
    expect(documents(render(sets)).map((d) => `${d.kind}/${d.name}`)).toEqual(want);
  });

  it('renders the Deployment exactly', () => {
    const dep = render().manifests.find((m) => m.head.kind === 'Deployment')!;
    expect(dep.content).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: shop-webapp',
        '  labels:',
        '    helm.sh/chart: webapp-0.1.0',
        '    app.kubernetes.io/name: webapp',
        '    app.kubernetes.io/instance: shop',
        '    app.kubernetes.io/version: "1.27.0"',
        '    app.kubernetes.io/managed-by: Helm',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app.kubernetes.io/name: webapp',
        '      app.kubernetes.io/instance: shop',
        '  template:',
        '    metadata:',
        '      labels:',
        '        helm.sh/chart: webapp-0.1.0',
        '        app.kubernetes.io/name: webapp',
        '        app.kubernetes.io/instance: shop',
        '        app.kubernetes.io/version: "1.27.0"',
        '        app.kubernetes.io/managed-by: Helm',
        '    spec:',
        '      containers:',
        '        - name: webapp',
        '          image: "nginx:1.27.0"',
        '          imagePullPolicy: IfNotPresent',
        '          ports:',
        '            - name: http',
        '              containerPort: 80',
        '              protocol: TCP',
        '          livenessProbe:',
        '            httpGet:',
        '              path: /',
        '              port: http',
        '          readinessProbe:',
        '            httpGet:',
        '              path: /',
        '              port: http',
        '          resources:',
        '            {}',
      ].join('\n'),
    );
  });

  const META = ['  name: shop-webapp', '  labels:', '    helm.sh/chart: webapp-0.1.0', '    app.kubernetes.io/name: webapp', '    app.kubernetes.io/instance: shop', '    app.kubernetes.io/version: "1.27.0"', '    app.kubernetes.io/managed-by: Helm'];
  it.each<[string, string[], string, string[]]>([
    ['Service, defaults', [], 'Service', ['apiVersion: v1', 'kind: Service', 'metadata:', ...META, 'spec:', '  type: ClusterIP', '  ports:', '    - port: 80', '      targetPort: http', '      protocol: TCP', '      name: http', '  selector:', '    app.kubernetes.io/name: webapp', '    app.kubernetes.io/instance: shop']],
    ['Service, NodePort on 8080', ['service.type=NodePort', 'service.port=8080'], 'Service', ['apiVersion: v1', 'kind: Service', 'metadata:', ...META, 'spec:', '  type: NodePort', '  ports:', '    - port: 8080', '      targetPort: http', '      protocol: TCP', '      name: http', '  selector:', '    app.kubernetes.io/name: webapp', '    app.kubernetes.io/instance: shop']],
    ['Ingress, default host', ['ingress.enabled=true'], 'Ingress', [
      'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', ...META, 'spec:', '  rules:', '    - host: "webapp.local"', '      http:', '        paths:', '          - path: /', '            pathType: Prefix',
      '            backend:', '              service:', '                name: shop-webapp', '                port:', '                  number: 80',
    ]],
    ['HorizontalPodAutoscaler, bounds set', ['autoscaling.enabled=true', 'autoscaling.maxReplicas=7'], 'HorizontalPodAutoscaler', [
      'apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata:', ...META, 'spec:', '  scaleTargetRef:', '    apiVersion: apps/v1', '    kind: Deployment', '    name: shop-webapp',
      '  minReplicas: 1', '  maxReplicas: 7', '  metrics:', '    - type: Resource', '      resource:', '        name: cpu', '        target:', '          type: Utilization', '          averageUtilization: 80',
    ]],
  ])('%s: rendered exactly', (_n, sets, kind, lines) => {
    expect(render(sets).manifests.find((m) => m.head.kind === kind)?.content).toBe(lines.join('\n'));
  });

  it('values reach the objects', () => {
    const docs = documents(render(['replicaCount=3', 'image.repository=ghcr.io/acme/shop', 'image.tag=2.1', 'service.type=NodePort', 'service.port=8080', 'env.LOG_LEVEL=debug', 'resources.limits.cpu=250m', 'nodeSelector.disktype=ssd', 'tolerations[0].key=dedicated,tolerations[0].operator=Exists']));
    const dep = docs.find((d) => d.kind === 'Deployment')!.obj;
    expect(at(dep, 'spec.replicas')).toBe(3);
    expect(at(dep, 'spec.template.spec.containers.0.image')).toBe('ghcr.io/acme/shop:2.1');
    expect(at(dep, 'spec.template.spec.containers.0.env')).toEqual([{ name: 'LOG_LEVEL', value: 'debug' }]);
    expect(at(dep, 'spec.template.spec.containers.0.resources')).toEqual({ limits: { cpu: '250m' } });
    expect(at(dep, 'spec.template.spec.nodeSelector')).toEqual({ disktype: 'ssd' });
    expect(at(dep, 'spec.template.spec.tolerations')).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
    const svc = docs.find((d) => d.kind === 'Service')!.obj;
    expect(at(svc, 'spec.type')).toBe('NodePort');
    expect(at(svc, 'spec.ports.0.port')).toBe(8080);
  });

  it('autoscaling drops replicas from the Deployment and sets HPA bounds', () => {
    const docs = documents(render(['autoscaling.enabled=true', 'autoscaling.minReplicas=2', 'autoscaling.maxReplicas=7']));
    expect(at(docs.find((d) => d.kind === 'Deployment')!.obj, 'spec.replicas')).toBeUndefined();
    const hpa = docs.find((d) => d.kind === 'HorizontalPodAutoscaler')!.obj;
    expect([at(hpa, 'spec.minReplicas'), at(hpa, 'spec.maxReplicas'), at(hpa, 'spec.metrics.0.resource.target.averageUtilization')]).toEqual([2, 7, 80]);
  });

  it('ingress hosts and paths', () => {
    const values = 'ingress:\n  enabled: true\n  className: nginx\n  hosts:\n    - host: shop.example.com\n      paths:\n        - path: /api\n          pathType: Prefix\n  tls:\n    - secretName: shop-tls\n      hosts: [shop.example.com]\n';
    const ing = documents(render([], values)).find((d) => d.kind === 'Ingress')!.obj;
    expect(at(ing, 'spec.ingressClassName')).toBe('nginx');
    expect(at(ing, 'spec.rules.0')).toEqual({ host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'shop-webapp', port: { number: 80 } } } }] } });
    expect(at(ing, 'spec.tls')).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
  });

  it.each([
    [[], 'kubectl --namespace default port-forward svc/shop-webapp 8080:80'],
    [['service.type=NodePort'], 'echo http://$NODE_IP:$NODE_PORT'],
    [['ingress.enabled=true'], 'http://webapp.local/'],
  ])('NOTES for %j', (sets, line) => {
    expect(render(sets).notes).toContain(line);
  });
});
