import { describe, expect, it } from 'vitest';
import { objectRequestPrefix, resourceByName, restPath, subresourceSuffix } from './resources';

describe('request labels in parts', () => {
  it.each([
    ['PUT', 'pods', 'default', 'web-1', 'status'],
    ['GET', 'pods', undefined, 'web-1', undefined],
    ['PATCH', 'deployments', 'prod', 'api', undefined],
    ['POST', 'pods', 'kube-system', 'dns-0', 'binding'],
    ['DELETE', 'nodes', 'ignored', 'node-1', undefined],
  ])('%s %s in %s: prefix + name + suffix is the verb and restPath', (verb, resource, ns, name, sub) => {
    const r = resourceByName(resource)!;
    expect(objectRequestPrefix(verb, r, ns) + name + subresourceSuffix(sub)).toBe(`${verb} ${restPath(r, ns, name, sub)}`);
  });
});
