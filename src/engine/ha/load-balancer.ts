import type { RequestContext, StorageGate } from '../api/apiserver';
import { StatusReason, type Status } from '../api/status';
import type { Rng } from '../sim/rng';
import { OUTSIDE_HOST, type Network } from './network';

/**
 * The TCP load balancer in front of the API servers (HAProxy / a cloud LB on :6443). It
 * health-checks each backend like `option httpchk GET /healthz` would — process running,
 * reachable, able to read from etcd — and sends each request to a healthy one, round-robin
 * (or at random). Health is evaluated per request, without a check interval's lag.
 *
 * When no backend passes, it fails open (as cloud load balancers do) to every API server
 * that still answers: during an etcd quorum loss clients then see the API server's own
 * error (`Error from server: etcdserver: request timed out`), as in real outages. Only when
 * no API server process is reachable is the connection refused.
 */

/** Plain private example address for the control-plane endpoint. */
export const DEFAULT_LB_ADDRESS = '192.168.1.100';
export const API_SERVER_PORT = 6443;

export interface ApiServerBackend {
  /** The API server instance, named after its node. */
  readonly name: string;
  readonly host: string;
  readonly ip: string;
  /** Its view of etcd (an ApiServerStorageGate). */
  readonly gate: StorageGate;
  /** Whether the kube-apiserver process runs (its node is up). */
  alive(): boolean;
}

export const TransportError = { ConnectionRefused: 'ConnectionRefused', ConnectionTimeout: 'ConnectionTimeout' } as const;
export type TransportError = (typeof TransportError)[keyof typeof TransportError];

function transportStatus(code: number, reason: StatusReason, cause: TransportError, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code, details: { causes: [{ reason: cause, message }] } };
}

/** No API server answered on the endpoint: kubectl's message, verbatim. */
export function connectionRefused(endpoint: string): Status {
  return transportStatus(503, StatusReason.ServiceUnavailable, TransportError.ConnectionRefused, `The connection to the server ${endpoint} was refused - did you specify the right host or port?`);
}

/** The client cannot reach the endpoint at all (network partition). */
export function connectionTimeout(endpoint: string): Status {
  return transportStatus(504, StatusReason.Timeout, TransportError.ConnectionTimeout, `Unable to connect to the server: dial tcp ${endpoint}: i/o timeout`);
}

/**
 * For kubectl: a transport failure is printed as-is (no `Error from server` prefix).
 * Returns the line to print, or undefined when the Status came from an API server.
 */
export function transportErrorText(status: Status): string | undefined {
  const cause = status.details?.causes?.[0]?.reason;
  return cause === TransportError.ConnectionRefused || cause === TransportError.ConnectionTimeout ? status.message : undefined;
}

export type BalanceStrategy = { kind: 'round-robin' } | { kind: 'random'; rng: Rng };

export class ApiServerLoadBalancer {
  private turn = 0;

  constructor(
    readonly backends: readonly ApiServerBackend[],
    readonly network: Network,
    readonly address = DEFAULT_LB_ADDRESS,
    readonly port = API_SERVER_PORT,
    private readonly strategy: BalanceStrategy = { kind: 'round-robin' },
    readonly failOpen = true,
  ) {}

  get endpoint(): string {
    return `${this.address}:${this.port}`;
  }

  /** The LB sits outside every partition group; a backend cut off from it is down to the LB. */
  healthy(b: ApiServerBackend): boolean {
    return this.answering(b) && b.gate.readError() === undefined;
  }

  healthyBackends(): ApiServerBackend[] {
    return this.backends.filter((b) => this.healthy(b));
  }

  /** Running and reachable from the LB, whatever its etcd says. */
  answering(b: ApiServerBackend): boolean {
    return b.alive() && this.network.connected(OUTSIDE_HOST, b.host);
  }

  /** The backend for the next request, or undefined when no API server answers. */
  pick(): ApiServerBackend | undefined {
    let pool = this.healthyBackends();
    if (pool.length === 0 && this.failOpen) pool = this.backends.filter((b) => this.answering(b));
    if (pool.length === 0) return undefined;
    if (this.strategy.kind === 'random') return pool[this.strategy.rng.int(pool.length)];
    return pool[this.turn++ % pool.length];
  }
}

/** Where a request goes: through the LB, or straight to one API server (its node's, for kube-scheduler and kube-controller-manager). */
export interface RequestRoute {
  /** Host the client runs on; undefined = outside the cluster (the user's kubectl). */
  readonly clientHost?: string;
  /** A specific API server by name; undefined = through the load balancer. */
  readonly apiServer?: string;
}

export type RequestRouter = (ctx: RequestContext | undefined) => RequestRoute;

/**
 * Routes by component id: ids in `localApiServer` (e.g. `kube-scheduler/control-plane-2` →
 * `control-plane-2`) use their node's API server, `kubelet/<node>` goes through the LB from
 * its node, everything else through the LB from outside.
 */
export function componentRouter(localApiServer: ReadonlyMap<string, string>): RequestRouter {
  // Every request is routed: remember each kubelet's route rather than rebuild it.
  const kubelets = new Map<string, RequestRoute>();
  const outside: RequestRoute = {};
  // Control-plane components write on every reconcile: one route object each, built on first use.
  const locals = new Map<string, RequestRoute>();
  return (ctx) => {
    const id = ctx?.component ?? '';
    const home = localApiServer.get(id);
    if (home !== undefined) {
      let local = locals.get(id);
      if (local === undefined || local.apiServer !== home) {
        local = { apiServer: home, clientHost: home };
        if (locals.size >= MAX_CACHED_ROUTES) locals.clear();
        locals.set(id, local);
      }
      return local;
    }
    if (!id.startsWith('kubelet/')) return outside;
    let route = kubelets.get(id);
    if (!route) {
      route = { clientHost: id.slice('kubelet/'.length) };
      if (kubelets.size >= MAX_CACHED_ROUTES) kubelets.clear();
      kubelets.set(id, route);
    }
    return route;
  };
}

const MAX_CACHED_ROUTES = 10_000;

/**
 * The gate the single ApiServer object consults: it decides which API server instance would
 * have served the request and answers with that instance's view of etcd, or with a
 * transport error when none can be reached. With one backend and no LB, clients talk to
 * that API server directly. Pass the RequestContext when the ApiServer can; without it every
 * request is routed as if from outside through the LB.
 */
export class RoutedStorageGate implements StorageGate {
  constructor(
    readonly backends: readonly ApiServerBackend[],
    readonly network: Network,
    readonly lb: ApiServerLoadBalancer | undefined,
    readonly router: RequestRouter = () => ({}),
  ) {}

  writeError(ctx?: RequestContext): Status | undefined {
    const b = this.route(ctx);
    return 'kind' in b ? b : b.gate.writeError();
  }

  readError(ctx?: RequestContext): Status | undefined {
    const b = this.route(ctx);
    return 'kind' in b ? b : b.gate.readError();
  }

  /** A watch-cache read needs only an API server that answers; its etcd may have lost quorum. */
  cacheReadError(ctx?: RequestContext): Status | undefined {
    const b = this.route(ctx);
    return 'kind' in b ? b : undefined;
  }

  private route(ctx: RequestContext | undefined): ApiServerBackend | Status {
    const route = this.router(ctx);
    const from = route.clientHost ?? OUTSIDE_HOST;
    if (this.lb && route.apiServer === undefined) {
      if (!this.network.connected(from, OUTSIDE_HOST)) return connectionTimeout(this.lb.endpoint);
      return this.lb.pick() ?? connectionRefused(this.lb.endpoint);
    }
    const name = route.apiServer ?? this.backends[0]?.name;
    const b = this.backend(name);
    if (!b) return connectionRefused(`${name ?? 'localhost'}:${API_SERVER_PORT}`);
    if (!b.alive()) return connectionRefused(`${b.ip}:${API_SERVER_PORT}`);
    return this.network.connected(from, b.host) ? b : connectionTimeout(`${b.ip}:${API_SERVER_PORT}`);
  }

  /** As backends.find by name, without a closure per request. */
  private backend(name: string | undefined): ApiServerBackend | undefined {
    for (const b of this.backends) if (b.name === name) return b;
    return undefined;
  }
}
