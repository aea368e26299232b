import type { BindPlugin, FrameworkHandle } from '../framework/interfaces';
import { asError } from '../framework/status';
import { PluginName } from './names';

/** Bind: POST pods/<name>/binding through the API server. */
export function newDefaultBinder(handle: FrameworkHandle): BindPlugin {
  return {
    name: PluginName.DefaultBinder,
    bind(state, pod, nodeName) {
      const res = handle.api.bind({ component: handle.component, opId: state.opId }, pod.namespace, pod.name, nodeName);
      return res.ok ? null : asError(res.status.message);
    },
  } satisfies BindPlugin;
}
