/** core/v1 Service: type, ports, selector, clusterIP syntax and immutability. */
import type { FieldError } from '../status';
import type { KubeObject } from '../types';
import { dns1123LabelErrors } from '../validation-names';
import { portNameErrors, portNumberErrors } from './containers';
import { child, duplicate, forbiddenField, index, invalidValue, required, unsupported, wrongType } from './errors';
import { goStringSlice } from './go-format';
import { goIntOrString } from './intstr';
import { validateLabels } from './meta';
import { isRecord, recordAt } from './shape';
import { specToCheck } from './workloads';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(text: unknown): text is string {
  return typeof text === 'string' && IPV4.test(text);
}

function validatePort(p: unknown, at: string, type: unknown, named: boolean, names: Set<string>): FieldError[] {
  if (!isRecord(p)) return [wrongType(at, p, 'an object')];
  const errs: FieldError[] = [];
  const name = p.name ?? '';
  if (typeof name !== 'string') errs.push(wrongType(child(at, 'name'), name, 'a string'));
  else if (name === '') {
    if (named) errs.push(required(child(at, 'name')));
  } else {
    for (const m of dns1123LabelErrors(name)) errs.push(invalidValue(child(at, 'name'), name, m));
    if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
    names.add(name);
  }
  errs.push(...portNumberErrors(child(at, 'port'), p.port));
  if (p.protocol === undefined || p.protocol === '') errs.push(required(child(at, 'protocol')));
  else if (!PROTOCOLS.includes(p.protocol as string)) errs.push(unsupported(child(at, 'protocol'), p.protocol, PROTOCOLS));
  const target = p.targetPort;
  if (typeof target === 'string') for (const m of portNameErrors(target)) errs.push(invalidValue(child(at, 'targetPort'), target, m, goIntOrString(target)));
  else if (typeof target === 'number') errs.push(...portNumberErrors(child(at, 'targetPort'), target).map((e) => ({ ...e, valueText: goIntOrString(target) })));
  else if (target !== undefined) errs.push(wrongType(child(at, 'targetPort'), target, 'an integer or a port name'));
  if (type === 'ClusterIP' && p.nodePort !== undefined && p.nodePort !== 0) {
    errs.push(forbiddenField(child(at, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
  }
  return errs;
}

function validatePorts(spec: Record<string, unknown>, headless: boolean): FieldError[] {
  const ports = spec.ports;
  if (ports === undefined || ports === null || (Array.isArray(ports) && ports.length === 0)) {
    return headless || spec.type === 'ExternalName' ? [] : [required('spec.ports')];
  }
  if (!Array.isArray(ports)) return [wrongType('spec.ports', ports, 'a list')];
  const names = new Set<string>();
  return ports.flatMap((p: unknown, i) => validatePort(p, index('spec.ports', i), spec.type, ports.length > 1, names));
}

function clusterIPErrors(spec: Record<string, unknown>, old: KubeObject | undefined): FieldError[] {
  const ip = spec.clusterIP;
  if (ip !== undefined && ip !== '' && ip !== 'None' && !isIPv4(ip)) {
    return [invalidValue('spec.clusterIPs[0]', ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  }
  const before = recordAt(old, 'spec');
  const oldIP = before?.clusterIP;
  if (!before || before.type === 'ExternalName' || spec.type === 'ExternalName' || typeof oldIP !== 'string' || oldIP === '' || ip === oldIP) return [];
  const now = typeof ip === 'string' && ip !== '' ? [ip] : [];
  return [invalidValue('spec.clusterIPs[0]', now, 'may not change once set', goStringSlice(now))];
}

export function validateService(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  if (spec.type !== undefined && !TYPES.includes(spec.type as string)) errs.push(unsupported('spec.type', spec.type, TYPES));
  if (spec.type === 'ExternalName' && (typeof spec.externalName !== 'string' || spec.externalName === '')) errs.push(required('spec.externalName'));
  errs.push(...validatePorts(spec, spec.clusterIP === 'None'));
  const affinity = spec.sessionAffinity;
  if (affinity !== undefined && affinity !== 'None' && affinity !== 'ClientIP') errs.push(unsupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...clusterIPErrors(spec, old));
  return errs;
}
