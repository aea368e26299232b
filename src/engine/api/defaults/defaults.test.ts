import { beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster/cluster';
import type { DaemonSet, Deployment, Job, KubeObject, Namespace, Node, Pod, StatefulSet } from '../types';
import { bootCluster, container, created, deployment, pod } from '../admission/test-cluster';
import { defaultPullPolicy } from './pod';

describe('imagePullPolicy default', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123abcd', 'IfNotPresent'],
    ['nginx:1.25@sha256:0123abcd', 'IfNotPresent'],
  ])('%s → %s', (image, want) => {
    expect(defaultPullPolicy(image)).toBe(want);
  });
});

describe('defaulting on create', () => {
  let c: Cluster;
  beforeAll(() => {
    c = bootCluster();
  });

  it('fills a bare Pod the way kube-apiserver does', () => {
    const probe = { httpGet: { port: 8080 } };
    const p = created<Pod>(c, 'pods', pod('bare', { containers: [container({ image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: probe })] }));
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
      serviceAccountName: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    const ctr = p.spec.containers[0]!;
    expect(ctr.imagePullPolicy).toBe('Always');
    expect(ctr.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(ctr.readinessProbe).toEqual({ httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(ctr.terminationMessagePath).toBe('/dev/termination-log');
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['BestEffort', {}, {}],
    ['Burstable', { cpu: '100m' }, {}],
    ['Guaranteed', {}, { cpu: '500m', memory: '256Mi' }],
    ['Burstable', { cpu: '100m', memory: '128Mi' }, { cpu: '500m', memory: '256Mi' }],
  ])('QoS class %s (requests %j, limits %j); requests default to limits', (qos, requests, limits) => {
    const resources = { requests, limits };
    const p = created<Pod>(c, 'pods', pod(`qos-${qos.toLowerCase()}-${Object.keys(requests).length}`, { containers: [container({ resources })] }));
    expect(p.status?.qosClass).toBe(qos);
    expect(p.spec.containers[0]!.resources?.requests).toEqual({ ...limits, ...requests });
  });

  it('keeps explicit pod values', () => {
    const p = created<Pod>(c, 'pods', pod('explicit', { restartPolicy: 'Never', terminationGracePeriodSeconds: 5, serviceAccountName: 'robot', dnsPolicy: 'Default' }));
    expect(p.spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 5, serviceAccountName: 'robot', dnsPolicy: 'Default' });
  });

  it('defaults a Deployment and its pod template', () => {
    const d = created<Deployment>(c, 'deployments', deployment('dflt'));
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    expect(d.spec.template.spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    // Pod-only defaults and admission do not touch templates.
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(d.spec.template.spec.tolerations).toBeUndefined();
  });

  it('leaves a Recreate Deployment without rollingUpdate', () => {
    const d = created<Deployment>(c, 'deployments', deployment('recreate', { strategy: { type: 'Recreate' } }));
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('defaults a ReplicaSet', () => {
    const rs = created<KubeObject>(c, 'replicasets', { ...deployment('rs'), apiVersion: 'apps/v1', kind: 'ReplicaSet' });
    expect(rs.spec).toMatchObject({ replicas: 1, template: { spec: { restartPolicy: 'Always' } } });
  });

  it('defaults a DaemonSet', () => {
    const ds = created<DaemonSet>(c, 'daemonsets', { ...deployment('agent'), kind: 'DaemonSet' });
    expect(ds.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
  });

  it('defaults a StatefulSet', () => {
    const sts = created<StatefulSet>(c, 'statefulsets', { ...deployment('db'), kind: 'StatefulSet' });
    expect(sts.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
  });

  it('defaults a Job and generates its selector from its uid', () => {
    const job = created<Job>(c, 'jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [container({ image: 'perl:5.34' })] } } },
    });
    const uid = job.metadata.uid!;
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(job.spec.template.metadata?.labels).toEqual(labels);
    expect(job.metadata.labels).toEqual(labels);
  });

  it('keeps completions unset when only parallelism is given', () => {
    const job = created<Job>(c, 'jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'workers' },
      spec: { parallelism: 3, template: { spec: { restartPolicy: 'OnFailure', containers: [container()] } } },
    });
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.parallelism).toBe(3);
  });

  it('defaults a CronJob', () => {
    const cj = created<KubeObject>(c, 'cronjobs', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container()] } } } } },
    });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
  });

  it('defaults a Namespace: finalizer, phase and name label', () => {
    const ns = created<Namespace>(c, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });

  it('copies node capacity to allocatable', () => {
    const node = created<Node>(c, 'nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'spare' }, status: { capacity: { cpu: '2', memory: '4Gi', pods: '110' } } });
    expect(node.status?.allocatable).toEqual({ cpu: '2', memory: '4Gi', pods: '110' });
  });
});
