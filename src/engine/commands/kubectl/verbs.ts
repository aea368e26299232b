import { applyVerb } from './apply/apply';
import { cordonVerbs } from './cordon';
import { createVerb } from './create';
import { deleteVerb } from './delete';
import { describeVerb } from './describe/describe';
import { drainVerb } from './drain/drain';
import { exposeVerb } from './expose';
import { getVerb } from './get/get';
import { apiResourcesVerb, clusterInfoVerb, versionVerb } from './info';
import { annotateVerb, labelVerb } from './label';
import { logsVerb } from './logs';
import { patchVerb } from './patch';
import { rolloutVerb } from './rollout/rollout';
import { runVerb } from './run';
import { scaleVerb } from './scale';
import { setVerb } from './set';
import { taintVerb } from './taint';
import { topVerb } from './top';
import type { Verb } from './verb';
import { waitVerb } from './wait';

/** Every kubectl command the console knows; `kubectl --help` lists them in this order per group. */
export const KUBECTL_VERBS: readonly Verb[] = [
  createVerb,
  exposeVerb,
  runVerb,
  setVerb,
  getVerb,
  deleteVerb,
  rolloutVerb,
  scaleVerb,
  clusterInfoVerb,
  topVerb,
  ...cordonVerbs,
  drainVerb,
  taintVerb,
  describeVerb,
  logsVerb,
  applyVerb,
  patchVerb,
  waitVerb,
  labelVerb,
  annotateVerb,
  apiResourcesVerb,
  versionVerb,
];
