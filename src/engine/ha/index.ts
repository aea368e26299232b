/**
 * High-availability control plane building blocks: etcd as a Raft group, the storage gate
 * each API server puts in front of it, the API server load balancer, Lease-based leader
 * election for kube-scheduler / kube-controller-manager, and the sandbox's etcd texts.
 */
export { alarmText, type EtcdAlarm, type DisarmResult } from './alarms';
export { HaControlPlane, planControlPlane, type ApiServerPlan, type ControlPlanePlan, type HaControlPlaneOptions, type HostInfo } from './control-plane';
export { EtcdCluster, type EtcdMemberStatus, type ProposeResult } from './etcd-cluster';
export { ETCD_NO_SPACE, ETCD_REQUEST_TIMED_OUT, ETCD_UNREACHABLE, etcdError } from './etcd-errors';
export { renderEndpointStatus, renderEtcdOverview, type CommandOutput, type EtcdOverview, type ObservedMember } from './etcd-status';
export { LEADER_ELECTION_DEFAULTS, LeaderElector, type LeaderCallbacks, type LeaderElectionConfig } from './leader-election';
export {
  API_SERVER_PORT, ApiServerLoadBalancer, componentRouter, connectionRefused, connectionTimeout, DEFAULT_LB_ADDRESS,
  RoutedStorageGate, transportErrorText, type ApiServerBackend, type RequestRoute, type RequestRouter,
} from './load-balancer';
export { Network, OUTSIDE_HOST } from './network';
export { CommitFailure, RaftGroup, type ElectionRecord, type RaftOptions } from './raft';
export { ETCD_DEFAULTS, RaftRole, type EtcdMemberSpec, type RaftMember } from './raft-member';
export * from './sandbox-text';
export { ApiServerStorageGate, type ApiServerEtcdConfig } from './storage-gate';
