import { StatusReason, type Status } from '../api/status';

/**
 * The etcd errors kube-apiserver passes through. A plain (non-API) error becomes code 500
 * with reason "" (StatusReasonUnknown) and the error text as message (`ErrorToAPIStatus`),
 * so kubectl prints `Error from server: <message>`.
 */

/** etcd's proposal/read-index timeout, reached when no leader with a majority exists. */
export const ETCD_REQUEST_TIMED_OUT = 'etcdserver: request timed out';
/** ErrGRPCNoSpace: a member is over quota or the NOSPACE alarm is active. */
export const ETCD_NO_SPACE = 'etcdserver: mvcc: database space exceeded';
/** The etcd client could not open a connection to any configured member before the deadline. */
export const ETCD_UNREACHABLE = 'context deadline exceeded';

export function etcdError(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: StatusReason.Unknown, code: 500 };
}

