/** Containers of a pod spec: names, image, ports, pull policy, resources, probes. */
import type { FieldError } from '../status';
import { dns1123LabelErrors } from '../validation-names';
import { child, duplicate, forbiddenField, index, invalidValue, nonNegativeInt, PORT_RANGE, required, unsupported, wrongType } from './errors';
import { validateResources } from './resources';
import { isInteger, isRecord } from './shape';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** IsValidPortName: an IANA service name. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function portNumberErrors(path: string, v: unknown): FieldError[] {
  if (!isInteger(v)) return [wrongType(path, v, 'an integer')];
  return v < 1 || v > 65535 ? [invalidValue(path, v, PORT_RANGE)] : [];
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  if (ports === undefined || ports === null) return [];
  if (!Array.isArray(ports)) return [wrongType(path, ports, 'a list')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p: unknown, i) => {
    const at = index(path, i);
    if (!isRecord(p)) return void errs.push(wrongType(at, p, 'an object'));
    if (typeof p.name === 'string' && p.name !== '') {
      const msgs = portNameErrors(p.name);
      for (const m of msgs) errs.push(invalidValue(child(at, 'name'), p.name, m));
      if (msgs.length === 0 && names.has(p.name)) errs.push(duplicate(child(at, 'name'), p.name));
      names.add(p.name);
    }
    if (p.containerPort === undefined || p.containerPort === 0) errs.push(required(child(at, 'containerPort')));
    else errs.push(...portNumberErrors(child(at, 'containerPort'), p.containerPort));
    if (p.hostPort !== undefined && p.hostPort !== 0) errs.push(...portNumberErrors(child(at, 'hostPort'), p.hostPort));
    if (p.protocol === undefined || p.protocol === '') errs.push(required(child(at, 'protocol')));
    else if (!PROTOCOLS.includes(p.protocol as (typeof PROTOCOLS)[number])) errs.push(unsupported(child(at, 'protocol'), p.protocol, PROTOCOLS));
  });
  return errs;
}

function validateProbe(probe: unknown, path: string, mustSucceedOnce: boolean): FieldError[] {
  if (probe === undefined || probe === null) return [];
  if (!isRecord(probe)) return [wrongType(path, probe, 'an object')];
  const errs: FieldError[] = [];
  const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined && probe[h] !== null);
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  if (handlers.length > 1) errs.push(forbiddenField(child(path, handlers[1]!), 'may not specify more than 1 handler type'));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegativeInt(child(path, f), probe[f]));
  }
  if (mustSucceedOnce && isInteger(probe.successThreshold) && probe.successThreshold !== 1) {
    errs.push(invalidValue(child(path, 'successThreshold'), probe.successThreshold, 'must be 1'));
  }
  return errs;
}

function validateContainer(c: Record<string, unknown>, at: string, init: boolean, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const namePath = child(at, 'name');
  if (typeof c.name !== 'string' || c.name === '') errs.push(c.name === undefined || c.name === '' ? required(namePath) : wrongType(namePath, c.name, 'a string'));
  else {
    for (const m of dns1123LabelErrors(c.name)) errs.push(invalidValue(namePath, c.name, m));
    if (names.has(c.name)) errs.push(duplicate(namePath, c.name));
    names.add(c.name);
  }
  if (c.image === undefined || c.image === '') errs.push(required(child(at, 'image')));
  else if (typeof c.image !== 'string') errs.push(wrongType(child(at, 'image'), c.image, 'a string'));
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy as (typeof PULL_POLICIES)[number])) {
    errs.push(unsupported(child(at, 'imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
  }
  if (c.restartPolicy !== undefined) {
    if (!init) errs.push(forbiddenField(child(at, 'restartPolicy'), 'may not be set for non-init containers'));
    else if (c.restartPolicy !== 'Always') errs.push(unsupported(child(at, 'restartPolicy'), c.restartPolicy, ['Always']));
  }
  // Absent fields have nothing to check: their paths are not built (every pod create comes here).
  if (c.ports != null) errs.push(...validatePorts(c.ports, child(at, 'ports')));
  if (c.resources != null) errs.push(...validateResources(c.resources, child(at, 'resources')));
  if (c.readinessProbe != null) errs.push(...validateProbe(c.readinessProbe, child(at, 'readinessProbe'), false));
  if (c.livenessProbe != null) errs.push(...validateProbe(c.livenessProbe, child(at, 'livenessProbe'), true));
  if (c.startupProbe != null) errs.push(...validateProbe(c.startupProbe, child(at, 'startupProbe'), true));
  return errs;
}

/** `containers` / `initContainers` at `path`; names must be unique across both (shared `names`). */
export function validateContainers(list: unknown, path: string, init: boolean, names: Set<string>): FieldError[] {
  if (list === undefined || list === null) return init ? [] : [required(path)];
  if (!Array.isArray(list)) return [wrongType(path, list, 'a list')];
  if (list.length === 0 && !init) return [required(path)];
  const errs: FieldError[] = [];
  list.forEach((c: unknown, i) => {
    if (!isRecord(c)) errs.push(wrongType(index(path, i), c, 'an object'));
    else errs.push(...validateContainer(c, index(path, i), init, names));
  });
  return errs;
}
