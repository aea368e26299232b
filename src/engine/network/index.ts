import type { ApiServer } from '../api/apiserver';
import type { Pod } from '../api/types';
import type { SimEnv } from '../sim/env';
import { Rng } from '../sim/rng';
import { connect, dnsReachable, dnsServicePort, type ConnectResult, type DataPlane } from './connect';
import { CoreDns, KUBE_DNS } from './dns';
import type { DnsAnswer } from './dns-records';
import { INGRESS_CONTROLLERS, isNginxControllerPod, isTraefikPod } from './ingress';
import { IngressControllers } from './ingress-controller';
import { KubeProxy } from './kube-proxy';
import type { Peer, PolicyDecision, PortSpec } from './network-policy';
import { NetworkPolicyAgent } from './policy-agent';
import { PodDirectory, podPeer, type PodRole } from './pods';
import { curlText, nslookupText, parseUrl, type ShellResult } from './shell-text';

export interface NetworkingOptions {
  /** Is the machine behind this node up (its kubelet, kube-proxy and pods alive)? */
  readonly nodeAlive: (node: string) => boolean;
  /** The pod network, `10.244.0.0/16` (kubeadm) or `10.42.0.0/16` (k3s). */
  readonly clusterCidr: string;
  /** The cluster DNS address pods' resolv.conf names, when the kube-dns Service has none. */
  readonly dnsServiceIP?: string;
  /** kube-proxy --iptables-min-sync-period; 1 s by default. */
  readonly minSyncPeriodMs?: number;
  /** More pod roles to index (the traffic model's collector agents, …). */
  readonly roles?: Readonly<Record<string, PodRole>>;
  /** Seed of the stack's own random stream; without it one draw is taken from env.rng. */
  readonly seed?: number;
}

const NO_POLICY: PolicyDecision = Object.freeze({ allowed: true, reason: 'no NetworkPolicy exists', policies: [] });

/** A cap on remembered NetworkPolicy verdicts before the cache starts over. */
const DECISION_CACHE_LIMIT = 50_000;

/**
 * The cluster's data plane and its controllers: the pod network, kube-proxy, CoreDNS, the
 * NetworkPolicy agents and the ingress controllers, each a Component with its own informers.
 * The Cluster creates it, starts it after the control plane, and asks it networking questions.
 */
export class NetworkingStack implements DataPlane {
  readonly pods: PodDirectory;
  readonly proxy: KubeProxy;
  readonly dns: CoreDns;
  readonly policy: NetworkPolicyAgent;
  readonly ingress: IngressControllers;
  private readonly decisions = new Map<string, PolicyDecision>();
  private decisionsVersion = -1;
  /** For `connect` / `curl` / `nslookup` choices, kept apart from the cluster's stream. */
  private readonly rng: Rng;

  constructor(readonly env: SimEnv, api: ApiServer, readonly opts: NetworkingOptions) {
    const roles = { [INGRESS_CONTROLLERS.nginx.role]: isNginxControllerPod, [INGRESS_CONTROLLERS.traefik.role]: isTraefikPod, ...(opts.roles ?? {}) };
    this.pods = new PodDirectory(env, api, roles);
    this.proxy = new KubeProxy(env, api, { nodeAlive: opts.nodeAlive, clusterCidr: opts.clusterCidr, ...(opts.minSyncPeriodMs !== undefined ? { minSyncPeriodMs: opts.minSyncPeriodMs } : {}) });
    this.dns = new CoreDns(env, api);
    this.policy = new NetworkPolicyAgent(env, api);
    this.ingress = new IngressControllers(env, api);
    this.rng = new Rng(opts.seed ?? env.rng.nextUint32());
  }

  start(): void {
    for (const c of [this.pods, this.proxy, this.dns, this.policy, this.ingress]) c.start();
  }

  stop(): void {
    for (const c of [this.pods, this.proxy, this.dns, this.policy, this.ingress]) c.stop();
  }

  nodeAlive(node: string): boolean {
    return this.opts.nodeAlive(node);
  }

  /** NetworkPolicy's verdict, remembered per (pod versions, port) until a policy or namespace changes. */
  decide(src: Pod | Peer, dst: Pod, port: PortSpec): PolicyDecision {
    if (this.policy.empty) return NO_POLICY;
    if (this.decisionsVersion !== this.policy.version || this.decisions.size > DECISION_CACHE_LIMIT) {
      this.decisions.clear();
      this.decisionsVersion = this.policy.version;
    }
    const srcKey = 'metadata' in src ? `${src.metadata.uid ?? ''}@${src.metadata.resourceVersion ?? ''}` : `ip:${src.kind === 'external' ? src.ip : ''}`;
    const key = `${srcKey}>${dst.metadata.uid ?? ''}@${dst.metadata.resourceVersion ?? ''}:${port.port}/${port.protocol ?? 'TCP'}`;
    let d = this.decisions.get(key);
    if (!d) this.decisions.set(key, (d = this.policy.decide('metadata' in src ? podPeer(src) : src, podPeer(dst), port)));
    return d;
  }

  /** The nameserver in pods' resolv.conf: the kube-dns Service's ClusterIP. */
  get dnsServerIP(): string {
    return this.proxy.service(KUBE_DNS.namespace, KUBE_DNS.service)?.clusterIP ?? this.opts.dnsServiceIP ?? '';
  }

  /** A DNS query from a pod; undefined when no CoreDNS replica can be reached from it. */
  lookup(from: Pod, query: string): DnsAnswer | undefined {
    if (!dnsReachable(this, from).ok) return undefined;
    return this.dns.lookup(query, from.metadata.namespace ?? 'default');
  }

  /** Whether `from` reaches any CoreDNS replica at all (and the kube-dns Service exists). */
  dnsAvailable(from: Pod): boolean {
    return dnsServicePort(this) !== undefined && dnsReachable(this, from).ok;
  }

  /** A new TCP connection from a pod to a name, ClusterIP or pod IP. */
  connect(from: Pod, host: string, port: number): ConnectResult {
    return connect(this, from, host, port, this.rng);
  }

  /** `nslookup <query>` run in `from` (busybox 1.28 output). */
  nslookup(from: Pod, query: string): ShellResult {
    return nslookupText({ query, serverIp: this.dnsServerIP, answer: this.lookup(from, query), ptr: (ip) => this.dns.ptr(ip) });
  }

  /** `curl <url>` run in `from`. */
  curl(from: Pod, url: string, connectTimeoutS?: number): ShellResult {
    const target = parseUrl(url);
    if (!target) return { stdout: '', stderr: 'curl: (3) URL rejected: Malformed input to a URL function', exitCode: 3, durationMs: 0 };
    const r = this.connect(from, target.host, target.port);
    return curlText(target, r, { clientIp: from.status?.podIP ?? '', ...(connectTimeoutS !== undefined ? { connectTimeoutS } : {}) });
  }

  /** `iptables-save` on a node (undefined when the node is down). */
  iptables(node: string, format: 'save' | 'restore' = 'save'): string | undefined {
    return this.proxy.iptablesSave(node, format);
  }
}

export { ConnectFailure } from './connect';
export type { ConnectResult, DataPlane } from './connect';
export type { DnsAnswer } from './dns-records';
export type { PolicyDecision } from './network-policy';
export type { ShellResult } from './shell-text';
