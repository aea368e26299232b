import { describe, expect, it } from 'vitest';
import type { ApiServer } from '../api/apiserver';
import type { Namespace } from '../api/types';
import { connectionRefused } from '../ha/load-balancer';
import type { Interaction } from '../log/interaction-log';
import { advance, testApi, testEnv } from '../ha/test-support';
import type { SimEnv } from '../sim/env';
import { Informer } from './informer';
import { SharedInformerFactory } from './shared-informer';

const CTX = { component: 'test' };

function namespace(name: string): { apiVersion: string; kind: string; metadata: { name: string } } {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function setUp(): { env: SimEnv; api: ApiServer; records: Interaction[]; factory: SharedInformerFactory; view: (component: string, seen: string[]) => Informer<Namespace> } {
  const env = testEnv();
  const api = testApi(env);
  const records: Interaction[] = [];
  env.log.subscribe((r) => records.push(r));
  const factory = new SharedInformerFactory(api, 'kcm/shared-informers');
  const view = (component: string, seen: string[]): Informer<Namespace> =>
    new Informer<Namespace>(api, { component }, 'namespaces', {}, factory.informerFor('namespaces')).on({
      add: (o) => seen.push(`add ${o.metadata.name}`),
      update: (_o, n) => seen.push(`update ${n.metadata.name}`),
      delete: (o) => seen.push(`delete ${o.metadata.name}`),
    });
  return { env, api, records, factory, view };
}

describe('SharedInformerFactory', () => {
  it('lists and watches once per resource for all the components of a process', () => {
    const { records, view } = setUp();
    const a: string[] = [];
    const b: string[] = [];
    view('kcm/a', a).start();
    view('kcm/b', b).start();
    const requests = records.filter((r) => r.kind === 'request').map((r) => `${r.from} ${r.label}`);
    expect(requests).toEqual(['kcm/shared-informers GET /api/v1/namespaces', 'kcm/shared-informers WATCH /api/v1/namespaces?watch=1']);
    // The second component hears the cache replayed, as AddEventHandler on a started informer.
    expect(a).toEqual(['add kube-system']);
    expect(b).toEqual(['add kube-system']);
  });

  it('delivers every event to each component, logging one delivery per component', () => {
    const { env, api, records, view } = setUp();
    const a: string[] = [];
    const b: string[] = [];
    const ia = view('kcm/a', a);
    const ib = view('kcm/b', b);
    ia.start();
    ib.start();
    api.create(CTX, 'namespaces', undefined, namespace('web'));
    api.delete(CTX, 'namespaces', undefined, 'web');
    advance(env, 100);
    expect(a).toEqual(['add kube-system', 'add web', 'delete web']);
    expect(b).toEqual(a);
    const deliveries = records.filter((r) => r.kind === 'watch').map((r) => `${r.to} ${r.label}`);
    expect(deliveries).toEqual(['kcm/a watch ADDED Namespace web', 'kcm/b watch ADDED Namespace web', 'kcm/a watch DELETED Namespace web', 'kcm/b watch DELETED Namespace web']);
    expect(ia.get(undefined, 'web')).toBeUndefined();
    expect(ib.size).toBe(1);
  });

  it('each delivery record carries its own event\'s opId and object, one record object per delivery', () => {
    const { env, api, records, view } = setUp();
    view('kcm/a', []).start();
    view('kcm/b', []).start();
    api.create({ component: 'user', opId: 7 }, 'namespaces', undefined, namespace('one'));
    api.create({ component: 'user', opId: 8 }, 'namespaces', undefined, namespace('two'));
    advance(env, 100);
    const deliveries = records.filter((r) => r.kind === 'watch');
    expect(deliveries.map((r) => `${r.to} ${r.opId} ${r.ref?.name}`)).toEqual(['kcm/a 7 one', 'kcm/b 7 one', 'kcm/a 8 two', 'kcm/b 8 two']);
    expect(new Set(deliveries).size).toBe(4);
  });

  it('stops the watch when the last component stops, and a stopped component hears nothing', () => {
    const { env, api, view } = setUp();
    const a: string[] = [];
    const b: string[] = [];
    const ia = view('kcm/a', a);
    const ib = view('kcm/b', b);
    ia.start();
    ib.start();
    ia.stop();
    expect(ia.running).toBe(false);
    expect(ib.running).toBe(true);
    api.create(CTX, 'namespaces', undefined, namespace('one'));
    advance(env, 100);
    expect(a).toEqual(['add kube-system']);
    expect(b).toEqual(['add kube-system', 'add one']);
    ib.stop();
    expect(ib.running).toBe(false);
    api.create(CTX, 'namespaces', undefined, namespace('two'));
    advance(env, 100);
    expect(b).toEqual(['add kube-system', 'add one']);
  });

  it('relists for every component once an API server answers again', () => {
    const { env, api, view } = setUp();
    let down = true;
    const refused = connectionRefused('192.168.1.100:6443');
    api.gate = { writeError: () => undefined, readError: () => (down ? refused : undefined), cacheReadError: () => (down ? refused : undefined) };
    const a: string[] = [];
    const b: string[] = [];
    const ia = view('kcm/a', a);
    expect(ia.start()).toBe(false);
    expect(view('kcm/b', b).start()).toBe(false);
    down = false;
    advance(env, 800);
    expect(ia.running).toBe(true);
    expect(a).toEqual(['add kube-system']);
    expect(b).toEqual(['add kube-system']);
  });
});
