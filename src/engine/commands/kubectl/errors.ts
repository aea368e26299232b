import type { ApiResult, Status } from '../../api/status';
import { transportErrorText } from '../../ha/load-balancer';
import { CommandError } from '../invocation';

/**
 * kubectl's rendering of API errors (cmdutil.CheckErr / StandardErrorMessage):
 * 422 Invalid becomes `The <Kind> "<name>" is invalid: <field error>` (a bulleted list for
 * several causes); every other Status is `Error from server (<Reason>): <message>`.
 * `source` adds kubectl's `error when creating "web.yaml": ` prefix (AddSourceToErr).
 */
export interface ErrorSource {
  /** `creating`, `retrieving current configuration of`, `patching`, `deleting`. */
  readonly verb: string;
  readonly file: string;
}

export function statusLines(status: Status, source?: ErrorSource): string[] {
  // No API server answered (the load balancer refused, or the network timed out): kubectl's transport error, verbatim.
  const transport = transportErrorText(status);
  if (transport !== undefined) return [transport];
  if (status.reason === 'Invalid') return invalidLines(status);
  const message = source ? `error when ${source.verb} "${source.file}": ${status.message}` : status.message;
  if (status.code === 401) return [`error: You must be logged in to the server (${message})`];
  return status.reason ? [`Error from server (${status.reason}): ${message}`] : [`Error from server: ${message}`];
}

function invalidLines(status: Status): string[] {
  const d = status.details;
  if (!d) return ['The request is invalid'];
  let prefix = 'The request is invalid';
  if (d.kind || d.name) prefix = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
  const causes = (d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  if (causes.length === 0) return [prefix];
  if (causes.length === 1) return [`${prefix}: ${causes[0]}`];
  return [`${prefix}: `, ...causes.map((c) => `* ${c}`)];
}

/** The value of an API result, or a CommandError carrying kubectl's wording. */
export function must<T>(res: ApiResult<T>, source?: ErrorSource): T {
  if (res.ok) return res.value;
  throw new CommandError(statusLines(res.status, source));
}

export function unknownResourceType(name: string): CommandError {
  return new CommandError([`error: the server doesn't have a resource type "${name}"`]);
}
