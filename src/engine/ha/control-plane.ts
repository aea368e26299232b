import type { ApiServer } from '../api/apiserver';
import type { SimEnv } from '../sim/env';
import { EtcdCluster } from './etcd-cluster';
import { API_SERVER_PORT, ApiServerLoadBalancer, componentRouter, DEFAULT_LB_ADDRESS, RoutedStorageGate, type ApiServerBackend } from './load-balancer';
import { Network } from './network';
import type { RaftOptions } from './raft';
import type { EtcdMemberSpec } from './raft-member';
import { ApiServerStorageGate } from './storage-gate';

/**
 * The storage side of a control plane, wired: the network, the etcd cluster, one gate per
 * API server instance, the load balancer (with more than one control-plane node) and the
 * routed gate the single ApiServer object consults.
 */

export interface HostInfo {
  readonly name: string;
  readonly ip: string;
}

export interface ApiServerPlan {
  readonly name: string;
  readonly host: string;
  readonly ip: string;
  /** `--etcd-servers`, as member names. */
  readonly etcdMembers: readonly string[];
}

export interface ControlPlanePlan {
  readonly topology: 'stacked' | 'external';
  readonly members: readonly EtcdMemberSpec[];
  readonly apiServers: readonly ApiServerPlan[];
  /** Only with more than one API server; a single one is reached directly. */
  readonly loadBalancer: { readonly address: string; readonly port: number } | undefined;
}

/**
 * kubeadm's topologies: stacked puts a member on every control-plane node and points each
 * API server at its local member; external puts the members on their own hosts and points
 * every API server at all of them.
 */
export function planControlPlane(controlPlane: readonly HostInfo[], topology: 'stacked' | 'external', etcdHosts: readonly HostInfo[] = [], lbAddress = DEFAULT_LB_ADDRESS): ControlPlanePlan {
  if (controlPlane.length === 0) throw new Error('a control plane needs at least one node');
  if (topology === 'external' && etcdHosts.length === 0) throw new Error('external etcd needs at least one etcd host');
  const hosts = topology === 'stacked' ? controlPlane : etcdHosts;
  const members = hosts.map((h) => ({ name: h.name, host: h.name, ip: h.ip }));
  const apiServers = controlPlane.map((h) => ({
    name: h.name,
    host: h.name,
    ip: h.ip,
    etcdMembers: topology === 'stacked' ? [h.name] : members.map((m) => m.name),
  }));
  const loadBalancer = controlPlane.length > 1 ? { address: lbAddress, port: API_SERVER_PORT } : undefined;
  return { topology, members, apiServers, loadBalancer };
}

export interface HaControlPlaneOptions {
  /** Whether a host's machine is powered on (the Cluster's `machines.get(host)?.alive`). */
  hostAlive(host: string): boolean;
  raft?: RaftOptions;
}

export class HaControlPlane {
  readonly network = new Network();
  readonly etcd: EtcdCluster;
  readonly apiServers: readonly ApiServerBackend[];
  readonly lb: ApiServerLoadBalancer | undefined;
  readonly gate: RoutedStorageGate;
  /** Component id → the API server it talks to directly (kube-scheduler, kube-controller-manager). */
  private readonly homes = new Map<string, string>();

  constructor(
    env: SimEnv,
    readonly plan: ControlPlanePlan,
    opts: HaControlPlaneOptions,
  ) {
    this.etcd = new EtcdCluster(env, plan.members, this.network, opts.raft);
    this.apiServers = plan.apiServers.map((a) => ({
      name: a.name,
      host: a.host,
      ip: a.ip,
      gate: new ApiServerStorageGate(this.etcd, a),
      alive: () => opts.hostAlive(a.host),
    }));
    const lbPlan = plan.loadBalancer;
    this.lb = lbPlan ? new ApiServerLoadBalancer(this.apiServers, this.network, lbPlan.address, lbPlan.port) : undefined;
    this.gate = new RoutedStorageGate(this.apiServers, this.network, this.lb, componentRouter(this.homes));
  }

  /** The address clients put in their kubeconfig: the LB, or the single API server. */
  get endpoint(): string {
    return this.lb?.endpoint ?? `${this.plan.apiServers[0]!.ip}:${API_SERVER_PORT}`;
  }

  /** Elects the first etcd leader at once, so bootstrap writes can commit. */
  start(): void {
    this.etcd.start();
  }

  /** Makes the ApiServer consult the gate and counts its writes as Raft entries. Returns an undo. */
  attach(api: ApiServer): () => void {
    api.gate = this.gate;
    return this.etcd.attachStore(api.etcd);
  }

  /** `componentId` (e.g. `kube-scheduler/control-plane-2`) talks to API server `apiServer` directly. */
  bindComponent(componentId: string, apiServer: string): void {
    this.homes.set(componentId, apiServer);
  }

  /** A machine powered off / on: the etcd member on it dies / restarts with it. */
  hostDown(host: string): void {
    for (const m of this.etcd.members) if (m.host === host && m.alive) this.etcd.kill(m.name);
  }

  hostUp(host: string): void {
    for (const m of this.etcd.members) if (m.host === host && !m.alive) this.etcd.restore(m.name);
  }
}
