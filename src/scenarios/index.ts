/**
 * Built-in scenarios, as YAML text. They live in TS modules (not .yaml files) so that Node,
 * the CLI, tests and the worker all load them the same way, without a bundler.
 */
import type { BuiltinScenario } from './builtin';
import { DEPLOY_THREE_REPLICAS } from './deploy-three-replicas';
import { HA_CONTROL_PLANE, HA_EXTERNAL_ETCD } from './ha-control-plane';
import { K3S_SINGLE_NODE } from './k3s-single-node';
import { NODE_FAILURE } from './node-failure';
import { SPLUNK_OTEL_HELM } from './splunk-otel-helm';
import { TRAFFIC_NODE_FAILURE } from './traffic-node-failure';

export type { BuiltinScenario } from './builtin';

/** In the picker's order: the source documents' order, then node failure (plain, then under traffic). */
export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [
  DEPLOY_THREE_REPLICAS,
  SPLUNK_OTEL_HELM,
  HA_CONTROL_PLANE,
  HA_EXTERNAL_ETCD,
  K3S_SINGLE_NODE,
  NODE_FAILURE,
  TRAFFIC_NODE_FAILURE,
];

export function builtinScenario(name: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.name === name);
}

export function builtinScenarioNames(): string[] {
  return BUILTIN_SCENARIOS.map((s) => s.name);
}

/** The file name a built-in's errors are reported against. */
export function builtinFileName(name: string): string {
  return `builtin/${name}.yaml`;
}
