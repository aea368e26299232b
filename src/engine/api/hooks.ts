import type { FieldError, Status } from './status';
import type { KubeObject } from './types';
import type { ResourceInfo } from './resources';

/** Who is asking: the component id (for the interaction log) and the user operation that caused it. */
export interface RequestContext {
  readonly component: string;
  readonly opId?: number;
}

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionAttributes {
  readonly operation: AdmissionOperation;
  readonly resource: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string;
  /** The object being written (a private copy: mutating plugins may change it). */
  readonly object: KubeObject | undefined;
  readonly oldObject: KubeObject | undefined;
  readonly subresource: string | undefined;
  readonly ctx: RequestContext;
}

/**
 * An admission plugin, like kube-apiserver's: `admit` may mutate the object (mutating phase),
 * `validate` may only reject (validating phase). Returning a Status rejects the request.
 */
export interface AdmissionPlugin {
  readonly name: string;
  admit?(attrs: AdmissionAttributes): Status | undefined;
  validate?(attrs: AdmissionAttributes): Status | undefined;
}

/** Sets defaults on a fresh object in place (registry strategy PrepareForCreate + SetDefaults). */
export type Defaulter = (obj: KubeObject) => void;

/** Returns field errors for a create (old undefined) or an update. */
export type Validator = (obj: KubeObject, old: KubeObject | undefined) => FieldError[];

export interface ApiHooks {
  readonly defaulters: ReadonlyMap<string, Defaulter>;
  readonly validators: ReadonlyMap<string, Validator>;
  readonly admission: readonly AdmissionPlugin[];
}
