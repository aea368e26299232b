/**
 * Helm releases in the engine: the install / upgrade / rollback / uninstall actions (as
 * resumable tasks), release storage in `sh.helm.release.v1.*` Secrets, readiness for
 * `--wait`, hooks, and what `helm list / status / history / get` print.
 */
export { helmContext, logPhase, HELM_COMPONENT, type HelmContext, type HelmPhase } from './context';
export { install, type ActionResult, type InstallOptions } from './install';
export { upgrade, type UpgradeOptions } from './upgrade';
export { rollback, type RollbackOptions, type RollbackResult } from './rollback';
export { uninstall, type UninstallOptions, type UninstallResult } from './uninstall';
export { listReleases, type ListOptions } from './list';
export { historyTable, listTable, statusText, valuesText } from './printers';
export { ReleaseStorage, releaseKey, RELEASE_SECRET_TYPE } from './storage';
export { decodeRelease, encodeRelease } from './codec';
export { ReleaseStatus, type Release } from './release';
export { runTask, TaskCancelled, type Task, type TaskHost } from './task';
export { renderStep, type UserValues } from './render-step';
export { validateReleaseName } from './validate';
