/** NamespaceLifecycle: no new content in missing or terminating namespaces. */
import type { AdmissionPlugin } from '../hooks';
import { resourceByName } from '../resources';
import { notFound } from '../status';
import type { Namespace } from '../types';
import { forbiddenFor, type ApiLookup } from './lookup';

export function namespaceLifecycle(lookup: ApiLookup): AdmissionPlugin {
  const namespaces = resourceByName('namespaces')!;
  return {
    name: 'NamespaceLifecycle',
    admit(a) {
      if (!a.namespace || !a.resource.namespaced || a.operation === 'DELETE') return undefined;
      const ns = lookup.get<Namespace>('namespaces', undefined, a.namespace);
      if (!ns) return notFound(namespaces, a.namespace);
      const terminating = ns.status?.phase === 'Terminating' || !!ns.metadata.deletionTimestamp;
      if (a.operation === 'CREATE' && terminating) {
        const status = forbiddenFor(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
        const cause = { reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' };
        return { ...status, details: { ...status.details, causes: [cause] } };
      }
      return undefined;
    },
  };
}
