import type { ApiServer } from '../../api/apiserver';
import type { RequestContext } from '../../api/hooks';
import { InteractionKind, type ObjectRef } from '../../log/interaction-log';
import type { SimEnv } from '../../sim/env';
import { ReleaseStorage } from './storage';

/**
 * What a Helm action works with: the API (every request as `user/helm` under the
 * operation's opId), the release storage, and the interaction log where the phases of
 * the operation are marked for the sequence panel.
 */

/** Sections of a Helm operation in the sequence panel (schedule / start are drawn from other components' records). */
export type HelmPhase = 'command' | 'render' | 'apply' | 'wait';

export const HELM_COMPONENT = 'user/helm';

export interface HelmContext {
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly req: RequestContext;
  readonly storage: ReleaseStorage;
}

export function helmContext(env: SimEnv, api: ApiServer, opId: number | undefined): HelmContext {
  const req: RequestContext = { component: HELM_COMPONENT, opId };
  return { env, api, req, storage: new ReleaseStorage(api, req, () => env.now()) };
}

/** One Helm step in the interaction log, under the operation's opId. */
export function logPhase(ctx: HelmContext, phase: HelmPhase, label: string, ref?: ObjectRef): void {
  ctx.env.log.append({ kind: InteractionKind.Helm, from: HELM_COMPONENT, to: HELM_COMPONENT, label, opId: ctx.req.opId, phase, ...(ref ? { ref } : {}) });
}
