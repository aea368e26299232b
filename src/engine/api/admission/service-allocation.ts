/**
 * ClusterIP and NodePort allocation (the Service registry's BeginCreate / BeginUpdate): runs
 * after mutating admission, before validation. Explicit values must be in range and free.
 */
import type { Rng } from '../../sim/rng';
import type { AdmissionAttributes, AdmissionPlugin } from '../hooks';
import { internalError, invalid, type FieldError, type Status } from '../status';
import type { Service } from '../types';
import { goStringSlice } from '../validation/go-format';
import { isIPv4 } from '../validation/service';
import { arrayAt, isInteger, isRecord, recordAt, type Json } from '../validation/shape';
import type { ApiLookup } from './lookup';
import { allocateSlot, bandOffset, ipToNumber, numberToIp, parseCidr, type Band, type Cidr } from './range-allocator';

export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

interface InUse {
  ips: Set<number>;
  nodePorts: Set<number>;
}

function inUse(lookup: ApiLookup, cidr: Cidr, self: string): InUse {
  const used: InUse = { ips: new Set(), nodePorts: new Set() };
  for (const svc of lookup.list<Service>('services')) {
    if (`${svc.metadata.namespace}/${svc.metadata.name}` === self) continue;
    const ip = svc.spec?.clusterIP;
    if (isIPv4(ip)) used.ips.add(ipToNumber(ip) - cidr.network - 1);
    for (const p of svc.spec?.ports ?? []) if (isInteger(p.nodePort)) used.nodePorts.add(p.nodePort - NODE_PORT_RANGE.base);
  }
  return used;
}

const needsNodePorts = (t: unknown): boolean => t === 'NodePort' || t === 'LoadBalancer';

function nodePortList(spec: Json): unknown[] {
  return (arrayAt(spec, 'ports') ?? []).map((p) => (isRecord(p) ? p.nodePort : undefined));
}

/** Switching to a type without them drops allocated values the user left untouched (dropTypeDependentFields). */
function dropTypeDependent(spec: Json, old: Json): void {
  if (needsNodePorts(old.type) && !needsNodePorts(spec.type) && JSON.stringify(nodePortList(spec)) === JSON.stringify(nodePortList(old))) {
    for (const p of arrayAt(spec, 'ports') ?? []) if (isRecord(p)) delete p.nodePort;
  }
  if (spec.type === 'ExternalName' && old.type !== 'ExternalName' && spec.clusterIP === old.clusterIP) {
    for (const f of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) delete spec[f];
  }
}

/** PUT without the allocated values keeps them (patchAllocatedValues). */
function carryOver(spec: Json, old: Json | undefined): void {
  if (!old) return;
  dropTypeDependent(spec, old);
  if ((spec.clusterIP === undefined || spec.clusterIP === '') && old.clusterIP !== undefined && spec.type !== 'ExternalName') {
    spec.clusterIP = old.clusterIP;
    spec.clusterIPs = old.clusterIPs;
  }
  if (!needsNodePorts(spec.type) || !needsNodePorts(old.type)) return;
  const byName = new Map<unknown, unknown>();
  for (const p of arrayAt(old, 'ports') ?? []) if (isRecord(p)) byName.set(p.name ?? '', p.nodePort);
  for (const p of arrayAt(spec, 'ports') ?? []) {
    if (isRecord(p) && (p.nodePort === undefined || p.nodePort === 0) && byName.has(p.name ?? '')) p.nodePort = byName.get(p.name ?? '');
  }
}

export class ServiceAllocator {
  private readonly cidr: Cidr;
  private readonly ipBand: Band;
  private readonly portBand: Band;

  constructor(
    private readonly rng: Rng,
    private readonly lookup: ApiLookup,
    serviceCidr: string,
  ) {
    this.cidr = parseCidr(serviceCidr);
    this.ipBand = { size: this.cidr.size - 2, offset: bandOffset(this.cidr.size, 16, 16, 256) };
    this.portBand = { size: NODE_PORT_RANGE.size, offset: bandOffset(NODE_PORT_RANGE.size, 16, 32, 128) };
  }

  admit(a: AdmissionAttributes): Status | undefined {
    const spec = recordAt(a.object, 'spec');
    if (!spec) return undefined;
    carryOver(spec, recordAt(a.oldObject, 'spec'));
    const used = inUse(this.lookup, this.cidr, `${a.namespace}/${a.name}`);
    const oldIP = recordAt(a.oldObject, 'spec')?.clusterIP;
    const errs: FieldError[] = [];
    const ipErr = this.clusterIP(spec, used, oldIP, errs);
    if (ipErr) return ipErr;
    const portErr = this.nodePorts(spec, used, errs);
    if (portErr) return portErr;
    return errs.length > 0 ? invalid(a.resource, a.name, errs) : undefined;
  }

  private clusterIP(spec: Json, used: InUse, oldIP: unknown, errs: FieldError[]): Status | undefined {
    if (spec.type === 'ExternalName') return undefined;
    const ip = spec.clusterIP;
    if (ip === 'None') {
      spec.clusterIPs = ['None'];
    } else if (ip === undefined || ip === null || ip === '') {
      const slot = allocateSlot(this.rng, this.ipBand, used.ips);
      if (slot === undefined) return internalError('Internal error occurred: failed to allocate a serviceIP: range is full');
      spec.clusterIP = numberToIp(this.cidr.network + 1 + slot);
      spec.clusterIPs = [spec.clusterIP];
    } else if (isIPv4(ip)) {
      spec.clusterIPs = [ip];
      if (ip !== oldIP) this.checkExplicitIP(ip, used, errs);
    } else return undefined;
    spec.ipFamilies = ['IPv4'];
    spec.ipFamilyPolicy = 'SingleStack';
    return undefined;
  }

  private checkExplicitIP(ip: string, used: InUse, errs: FieldError[]): void {
    const slot = ipToNumber(ip) - this.cidr.network - 1;
    const fail = (why: string): void => void errs.push({ field: 'spec.clusterIPs', type: 'Invalid', value: [ip], valueText: goStringSlice([ip]), detail: `failed to allocate IP ${ip}: ${why}` });
    if (slot < 0 || slot >= this.ipBand.size) fail(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`);
    else if (used.ips.has(slot)) fail('provided IP is already allocated');
  }

  private nodePorts(spec: Json, used: InUse, errs: FieldError[]): Status | undefined {
    const wants = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
    if (!wants) return undefined;
    const taken = new Set(used.nodePorts);
    const ports = arrayAt(spec, 'ports') ?? [];
    ports.forEach((p, i) => {
      if (!isRecord(p) || !isInteger(p.nodePort) || p.nodePort === 0) return;
      const slot = p.nodePort - NODE_PORT_RANGE.base;
      const path = `spec.ports[${i}].nodePort`;
      if (slot < 0 || slot >= NODE_PORT_RANGE.size) {
        errs.push({ field: path, type: 'Invalid', value: p.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}` });
      } else if (used.nodePorts.has(slot)) errs.push({ field: path, type: 'Invalid', value: p.nodePort, detail: 'provided port is already allocated' });
      taken.add(slot);
    });
    for (const p of ports) {
      if (!isRecord(p) || (p.nodePort !== undefined && p.nodePort !== 0)) continue;
      const slot = allocateSlot(this.rng, this.portBand, taken);
      if (slot === undefined) return internalError('Internal error occurred: failed to allocate a nodePort: range is full');
      taken.add(slot);
      p.nodePort = NODE_PORT_RANGE.base + slot;
    }
    return undefined;
  }
}

export function serviceAllocation(rng: Rng, lookup: ApiLookup, serviceCidr: string): AdmissionPlugin {
  const allocator = new ServiceAllocator(rng, lookup, serviceCidr);
  return {
    name: 'ServiceAllocation',
    admit: (a) => (a.operation !== 'DELETE' && a.resource.kind === 'Service' && !a.subresource && a.object ? allocator.admit(a) : undefined),
  };
}
