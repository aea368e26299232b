import type { StorageGate } from '../api/apiserver';
import type { Status } from '../api/status';
import { ETCD_NO_SPACE, ETCD_REQUEST_TIMED_OUT, ETCD_UNREACHABLE, etcdError } from './etcd-errors';
import type { EtcdCluster } from './etcd-cluster';
import { CommitFailure } from './raft';
import type { RaftMember } from './raft-member';

/**
 * What one kube-apiserver instance can do with etcd right now. Stacked etcd: the API server
 * is configured with its local member only (`--etcd-servers=https://127.0.0.1:2379`);
 * external etcd: with every member, and its client fails over between them.
 *
 * Errors are what kube-apiserver returns for an etcd error that is not an API status
 * (`ErrorToAPIStatus`): code 500, reason "" (StatusReasonUnknown), the etcd error text as the
 * message — so kubectl prints `Error from server: etcdserver: request timed out`. The real
 * request hangs until etcd's own timeout (~7 s) before failing; here it fails at once.
 */

export { ETCD_NO_SPACE, ETCD_REQUEST_TIMED_OUT, ETCD_UNREACHABLE, etcdError } from './etcd-errors';

export interface ApiServerEtcdConfig {
  /** The API server instance (named after its node). */
  readonly name: string;
  /** The host it runs on, for partitions. */
  readonly host: string;
  /** Member names from `--etcd-servers`. */
  readonly etcdMembers: readonly string[];
}

export class ApiServerStorageGate implements StorageGate {
  constructor(
    private readonly etcd: EtcdCluster,
    readonly config: ApiServerEtcdConfig,
  ) {}

  /** Configured members that are running and on this API server's side of any partition. */
  reachableMembers(): RaftMember[] {
    const out: RaftMember[] = [];
    for (const name of this.config.etcdMembers) {
      const m = this.etcd.member(name);
      if (m?.alive && this.etcd.network.connected(this.config.host, m.host)) out.push(m);
    }
    return out;
  }

  writeError(): Status | undefined {
    return this.firstSuccess(true);
  }

  readError(): Status | undefined {
    return this.firstSuccess(false);
  }

  /**
   * The request succeeds through any reachable member; otherwise NOSPACE wins over a timeout.
   * (Runs on every request: it walks the members without building lists or closures.)
   */
  private firstSuccess(write: boolean): Status | undefined {
    let reachable = 0;
    let noSpace = false;
    for (const name of this.config.etcdMembers) {
      const m = this.etcd.member(name);
      if (!m?.alive || !this.etcd.network.connected(this.config.host, m.host)) continue;
      reachable++;
      const failure = write ? this.etcd.writeFailure(m.name) : this.etcd.readFailure(m.name);
      if (failure === undefined) return undefined;
      if (failure === CommitFailure.NoSpace) noSpace = true;
    }
    if (reachable === 0) return etcdError(ETCD_UNREACHABLE);
    return etcdError(noSpace ? ETCD_NO_SPACE : ETCD_REQUEST_TIMED_OUT);
  }
}
