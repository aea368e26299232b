import type { Edge, Node } from '@xyflow/react';
import type { ControlPlaneKind, DatastoreKind, FlowKind } from '../../protocol/records';
import { DATASTORE_NAME } from './datastore';

export type WorkerFlowNode = Node<{ name: string; compact: boolean; handles: boolean }, 'worker'>;
/** `pods`: the node runs pods the canvas draws (besides its components), so the group shows them. */
export type ControlPlaneFlowNode = Node<{ name: string; compact: boolean; pods: boolean }, 'controlPlane'>;
/** `label`: the box's name (the datastore's for `etcd`: kine (SQLite) on a single k3s server). */
export type ComponentFlowNode = Node<{ kind: ControlPlaneKind; node: string; label: string }, 'component'>;
export type TerminalFlowNode = Node<{ label: string }, 'terminal'>;
export type RegistryFlowNode = Node<{ label: string }, 'registry'>;
export type PendingFlowNode = Node<Record<string, never>, 'pending'>;
export type PoolFlowNode = Node<{ count: number }, 'pool'>;
/** Where application traffic starts or ends outside the cluster (src/ui/traffic). */
export type TrafficEndFlowNode = Node<{ role: 'users' | 'backend'; label: string }, 'trafficEnd'>;
export type CanvasNode = WorkerFlowNode | ControlPlaneFlowNode | ComponentFlowNode | TerminalFlowNode | RegistryFlowNode | PendingFlowNode | PoolFlowNode | TrafficEndFlowNode;

export interface FlowEdgeData extends Record<string, unknown> {
  /** Changes whenever traffic crossed the edge; restarts the glow. */
  pulse: number;
  kind: FlowKind;
}
export type FlowEdge = Edge<FlowEdgeData, 'flow'>;

export const COMPONENT_LABEL: Record<ControlPlaneKind, string> = {
  apiserver: 'API server',
  etcd: 'etcd',
  scheduler: 'Scheduler',
  'controller-manager': 'Controller manager',
};

/** A component box's name: the kind's, except etcd's, which is the cluster's datastore. */
export function componentLabel(kind: ControlPlaneKind, datastore: DatastoreKind = 'etcd'): string {
  return kind === 'etcd' ? DATASTORE_NAME[datastore].label : COMPONENT_LABEL[kind];
}
