import type { EtcdStore } from '../store/etcd';
import { selectorMatches } from '../util/labels';
import type { KubeObject } from './types';
import type { ListOptions } from './api-options';
import { restPath, type ResourceInfo } from './resources';
import type { WatchOptions } from './watch-hub';

/**
 * A list request's query: the stored objects of a resource (in one namespace or all) that its
 * label and field selectors match, in etcd key order; and the list and watch requests an
 * informer makes.
 */
export function selectObjects<T extends KubeObject>(etcd: EtcdStore, r: ResourceInfo, opts: ListOptions): T[] {
  const prefix = r.namespaced && opts.namespace ? `${opts.namespace}/` : '';
  const out: T[] = [];
  for (const kv of etcd.range(r.resource, prefix)) {
    const obj = kv.value as T;
    if (opts.labelSelector && !selectorMatches(opts.labelSelector, obj.metadata.labels)) continue;
    if (opts.fieldSelector) {
      let match = true;
      for (const [path, want] of Object.entries(opts.fieldSelector)) {
        if ((fieldValue(obj, path) ?? '') !== want) match = false;
      }
      if (!match) continue;
    }
    out.push(obj);
  }
  return out;
}

function fieldValue(obj: KubeObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? undefined : String(cur);
}

/** An informer's initial list: from the watch cache, narrowed to one node's pods when it watches those. */
export function watchListOptions(opts: WatchOptions): ListOptions {
  const fieldSelector = opts.nodeName !== undefined ? { 'spec.nodeName': opts.nodeName } : undefined;
  return { namespace: opts.namespace, fieldSelector, resourceVersion: '0' };
}

/** The watch request line an informer logs after its list. */
export function watchRequestLabel(r: ResourceInfo, opts: WatchOptions): string {
  const suffix = opts.nodeName !== undefined ? `?fieldSelector=spec.nodeName%3D${opts.nodeName}&watch=1` : '?watch=1';
  return `WATCH ${restPath(r, opts.namespace)}${suffix}`;
}
