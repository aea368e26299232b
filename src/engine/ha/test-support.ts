import { ApiServer, type RequestContext } from '../api/apiserver';
import { fail, type ApiResult } from '../api/status';
import type { KubeObject } from '../api/types';
import { InteractionLog } from '../log/interaction-log';
import { DEFAULT_ENGINE_CONFIG, type SimEnv } from '../sim/env';
import { EventQueue } from '../sim/event-queue';
import { Rng } from '../sim/rng';
import type { EtcdMemberSpec } from './raft-member';
import { etcdError, ETCD_REQUEST_TIMED_OUT } from './storage-gate';

/** A bare engine environment for the HA tests (no cluster, no components). */
export function testEnv(seed = 1): SimEnv {
  const queue = new EventQueue();
  const log = new InteractionLog(() => queue.nowMs);
  return { queue, rng: new Rng(seed), log, config: { ...DEFAULT_ENGINE_CONFIG, freezeObjects: true }, now: () => queue.nowMs };
}

/** Members named after their hosts, as kubeadm's stacked etcd does. */
export function memberSpecs(hosts: readonly string[]): EtcdMemberSpec[] {
  return hosts.map((host, i) => ({ name: host, host, ip: `172.18.0.${i + 2}` }));
}

export const CP3 = ['control-plane-1', 'control-plane-2', 'control-plane-3'] as const;

/** An API server without admission plugins (the HA code needs none), kube-system in place. */
export function testApi(env: SimEnv): ApiServer {
  const api = new ApiServer(env, { defaulters: new Map(), validators: new Map(), admission: [] });
  api.create({ component: 'test' }, 'namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  return api;
}

export function advance(env: SimEnv, ms: number): void {
  env.queue.runUntil(env.now() + ms);
}

/** An API server whose requests fail for the components in `down` (their API server lost etcd). */
export class FlakyApi extends ApiServer {
  readonly down = new Set<string>();

  override get<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, namespace: string | undefined, name: string): ApiResult<T> {
    return this.down.has(ctx.component) ? fail(etcdError(ETCD_REQUEST_TIMED_OUT)) : super.get<T>(ctx, resource, namespace, name);
  }

  override create<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, namespace: string | undefined, input: KubeObject): ApiResult<T> {
    return this.down.has(ctx.component) ? fail(etcdError(ETCD_REQUEST_TIMED_OUT)) : super.create<T>(ctx, resource, namespace, input);
  }

  override update<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, input: KubeObject, subresource?: 'status'): ApiResult<T> {
    return this.down.has(ctx.component) ? fail(etcdError(ETCD_REQUEST_TIMED_OUT)) : super.update<T>(ctx, resource, input, subresource);
  }
}

export function flakyApi(env: SimEnv): FlakyApi {
  const api = new FlakyApi(env, { defaulters: new Map(), validators: new Map(), admission: [] });
  api.create({ component: 'test' }, 'namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  return api;
}

