import type { ContainerStatus } from '../api/types';

/**
 * The strings and key shapes a container runner keeps or looks up: its kind, its events'
 * field path, its status's fresh key order, and its key in Machine.stoppedProcesses.
 */

/** Regular init containers, sidecars (init containers with restartPolicy Always) and app containers. */
export type ContainerKind = 'init' | 'sidecar' | 'app';

/** The keys of a status as the constructor builds it, in order. */
const FRESH_KEYS = ['name', 'image', 'imageID', 'lastState', 'ready', 'restartCount', 'started', 'state'];

/** Whether `st` has exactly the constructor's keys, in its order (no containerID yet). */
export function hasFreshKeys(st: ContainerStatus): boolean {
  let i = 0;
  for (const k in st) {
    if (k !== FRESH_KEYS[i]) return false;
    i++;
  }
  return i === FRESH_KEYS.length;
}

/** `spec.containers{<name>}` strings by container name (app, then init): pods of one template share them. */
const FIELD_PATHS = [new Map<string, string>(), new Map<string, string>()] as const;
const MAX_FIELD_PATHS = 4096;

export function fieldPathOf(kind: ContainerKind, name: string): string {
  const paths = FIELD_PATHS[kind === 'app' ? 0 : 1];
  let path = paths.get(name);
  if (path === undefined) {
    if (paths.size >= MAX_FIELD_PATHS) paths.clear();
    // Joined, not a template literal: one flat string, kept with every event of the container.
    path = [kind === 'app' ? 'spec.containers{' : 'spec.initContainers{', name, '}'].join('');
    paths.set(name, path);
  }
  return path;
}

/** Machine.stoppedProcesses' key for one container of a pod. */
export function processKey(namespace: string, pod: string, container: string): string {
  return [namespace, pod, container].join('/');
}
