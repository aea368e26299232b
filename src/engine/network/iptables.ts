import { SIM_EPOCH_MS } from '../sim/time';
import { categorize, ruleProbability } from './categorize';
import { sepChainName, type ProxyEndpoint, type ServiceEntry, type ServicePortEntry } from './service-table';

/**
 * A node's kube-proxy rules (iptables mode) as `iptables-save` prints them: chains declared
 * first, then every rule grouped by chain (built-in chains first, then the rest sorted), one
 * KUBE-SVC chain per service port, one KUBE-SEP chain per endpoint.
 */

export interface IptablesOptions {
  /** The cluster's pod network (`10.244.0.0/16`): traffic from outside it is masqueraded. */
  readonly clusterCidr: string;
  /** Simulated time of the dump, for the header lines. */
  readonly nowMs: number;
  /**
   * `save` (default): what `iptables-save` prints — probabilities are stored by the kernel
   * as n/2^31 and printed with 11 decimals (0.33333333349). `restore`: kube-proxy's own
   * iptables-restore input, with its 10-decimal strings (0.3333333333).
   */
  readonly format?: 'save' | 'restore';
}

const MASQ_MARK = '0x4000/0x4000';
const BUILTIN = { filter: ['INPUT', 'FORWARD', 'OUTPUT'], nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] } as const;

class Table {
  readonly rules = new Map<string, string[]>();

  constructor(readonly builtins: readonly string[]) {
    for (const b of builtins) this.rules.set(b, []);
  }

  chain(name: string): void {
    if (!this.rules.has(name)) this.rules.set(name, []);
  }

  add(chain: string, rule: string): void {
    this.chain(chain);
    this.rules.get(chain)!.push(`-A ${chain} ${rule}`);
  }

  render(name: string): string[] {
    const user = [...this.rules.keys()].filter((c) => !this.builtins.includes(c)).sort();
    const order = [...this.builtins, ...user];
    const out = [`*${name}`];
    for (const c of this.builtins) out.push(`:${c} ACCEPT [0:0]`);
    for (const c of user) out.push(`:${c} - [0:0]`);
    for (const c of order) out.push(...this.rules.get(c)!);
    out.push('COMMIT');
    return out;
  }
}

/** What `iptables-save` prints for a probability kube-proxy wrote: the kernel keeps n/2^31. */
export function savedProbability(written: string): string {
  const stored = Math.round(0x80000000 * Number(written));
  return (stored / 0x80000000).toFixed(11);
}

/** C `ctime` style, as iptables-save's header prints it: `Thu Jan  1 09:00:05 2026`. */
function ctime(simMs: number): string {
  const d = new Date(SIM_EPOCH_MS + simMs);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const hms = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${d.getUTCFullYear()}`;
}

function q(text: string): string {
  return `"${text}"`;
}

function filterBase(t: Table): void {
  const fw = '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL';
  const ext = '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES';
  const portals = '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES';
  for (const c of ['KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES']) t.chain(c);
  t.add('INPUT', fw);
  t.add('INPUT', '-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS');
  t.add('INPUT', ext);
  t.add('FORWARD', fw);
  t.add('FORWARD', '-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD');
  t.add('FORWARD', portals);
  t.add('FORWARD', ext);
  t.add('OUTPUT', fw);
  t.add('OUTPUT', portals);
  t.add('KUBE-FORWARD', '-m conntrack --ctstate INVALID -j DROP');
  t.add('KUBE-FORWARD', `-m comment --comment "kubernetes forwarding rules" -m mark --mark ${MASQ_MARK} -j ACCEPT`);
  t.add('KUBE-FORWARD', '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
}

function natBase(t: Table): void {
  for (const c of ['KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES']) t.chain(c);
  t.add('PREROUTING', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  t.add('OUTPUT', '-m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  t.add('POSTROUTING', '-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING');
  t.add('KUBE-MARK-MASQ', '-j MARK --set-xmark 0x4000/0x4000');
  t.add('KUBE-POSTROUTING', '-m mark ! --mark 0x4000/0x4000 -j RETURN');
  t.add('KUBE-POSTROUTING', '-j MARK --set-xmark 0x4000/0x0');
  t.add('KUBE-POSTROUTING', '-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');
}

interface Ctx {
  readonly filter: Table;
  readonly nat: Table;
  readonly node: string;
  readonly opts: IptablesOptions;
}

const RECENT = '--mask 255.255.255.255 --rsource';

function sep(sp: ServicePortEntry, ep: ProxyEndpoint): string {
  return sepChainName(sp.nameString, sp.protocol, ep.address);
}

function svcChainRules(ctx: Ctx, sp: ServicePortEntry, chain: string, endpoints: readonly ProxyEndpoint[]): void {
  ctx.nat.chain(chain);
  if (sp.clientIPAffinitySeconds !== undefined) {
    for (const ep of endpoints) {
      ctx.nat.add(chain, `-m comment --comment ${q(`${sp.nameString} -> ${ep.address}`)} -m recent --rcheck --seconds ${sp.clientIPAffinitySeconds} --reap --name ${sep(sp, ep)} ${RECENT} -j ${sep(sp, ep)}`);
    }
  }
  endpoints.forEach((ep, i) => {
    const written = ruleProbability(i, endpoints.length);
    const prob = written === undefined ? '' : ` -m statistic --mode random --probability ${ctx.opts.format === 'restore' ? written : savedProbability(written)}`;
    ctx.nat.add(chain, `-m comment --comment ${q(`${sp.nameString} -> ${ep.address}`)}${prob} -j ${sep(sp, ep)}`);
  });
}

function sepChainRules(ctx: Ctx, sp: ServicePortEntry, endpoints: readonly ProxyEndpoint[]): void {
  const p = sp.protocol;
  for (const ep of endpoints) {
    const chain = sep(sp, ep);
    if (ctx.nat.rules.has(chain)) continue;
    const affinity = sp.clientIPAffinitySeconds !== undefined ? ` -m recent --set --name ${chain} ${RECENT}` : '';
    ctx.nat.add(chain, `-s ${ep.ip}/32 -m comment --comment ${q(sp.nameString)} -j KUBE-MARK-MASQ`);
    ctx.nat.add(chain, `-p ${p} -m comment --comment ${q(sp.nameString)}${affinity} -m ${p} -j DNAT --to-destination ${ep.address}`);
  }
}

function servicePortRules(ctx: Ctx, sp: ServicePortEntry): void {
  if (!sp.clusterIP) return;
  const c = categorize(sp, ctx.node);
  const p = sp.protocol;
  const dst = `-d ${sp.clusterIP}/32 -p ${p}`;
  const dport = `-m ${p} --dport ${sp.port}`;
  const localChain = sp.svcChain.replace('KUBE-SVC-', 'KUBE-SVL-');
  const internalChain = sp.internalLocal ? localChain : sp.svcChain;
  const internalOk = c.hasEndpoints && (!sp.internalLocal || c.local.length > 0);
  if (internalOk) {
    ctx.nat.add('KUBE-SERVICES', `${dst} -m comment --comment ${q(`${sp.nameString} cluster IP`)} ${dport} -j ${internalChain}`);
    ctx.nat.add(internalChain, `! -s ${ctx.opts.clusterCidr} ${dst} -m comment --comment ${q(`${sp.nameString} cluster IP`)} ${dport} -j KUBE-MARK-MASQ`);
  } else {
    const [why, target] = c.hasEndpoints ? ['has no local endpoints', '-j DROP'] : ['has no endpoints', '-j REJECT --reject-with icmp-port-unreachable'];
    ctx.filter.add('KUBE-SERVICES', `${dst} -m comment --comment ${q(`${sp.nameString} ${why}`)} ${dport} ${target}`);
  }
  if (sp.nodePort) nodePortRules(ctx, sp, c.hasEndpoints, c.local.length > 0);
  if (c.cluster.length > 0 && (!sp.internalLocal || sp.nodePort !== undefined)) {
    svcChainRules(ctx, sp, sp.svcChain, c.cluster);
    sepChainRules(ctx, sp, c.cluster);
  }
  if ((sp.internalLocal || sp.externalLocal) && c.local.length > 0) {
    svcChainRules(ctx, sp, localChain, c.local);
    sepChainRules(ctx, sp, c.local);
  }
}

function nodePortRules(ctx: Ctx, sp: ServicePortEntry, hasEndpoints: boolean, hasLocal: boolean): void {
  const p = sp.protocol;
  const ext = sp.svcChain.replace('KUBE-SVC-', 'KUBE-EXT-');
  if (hasEndpoints) {
    ctx.nat.add('KUBE-NODEPORTS', `-p ${p} -m comment --comment ${q(sp.nameString)} -m ${p} --dport ${sp.nodePort} -j ${ext}`);
    if (!sp.externalLocal) ctx.nat.add(ext, `-m comment --comment ${q(`masquerade traffic for ${sp.nameString} external destinations`)} -j KUBE-MARK-MASQ`);
    if (!sp.externalLocal || hasLocal) ctx.nat.add(ext, `-j ${sp.externalLocal ? sp.svcChain.replace('KUBE-SVC-', 'KUBE-SVL-') : sp.svcChain}`);
  }
  if (!hasEndpoints || (sp.externalLocal && !hasLocal)) {
    const [why, target] = hasEndpoints ? ['has no local endpoints', '-j DROP'] : ['has no endpoints', '-j REJECT --reject-with icmp-port-unreachable'];
    ctx.filter.add('KUBE-EXTERNAL-SERVICES', `-p ${p} -m comment --comment ${q(`${sp.nameString} ${why}`)} -m addrtype --dst-type LOCAL -m ${p} --dport ${sp.nodePort} ${target}`);
  }
}

/** The node's rules for every service, as `iptables-save` prints them. */
export function renderIptablesSave(node: string, services: Iterable<ServiceEntry>, opts: IptablesOptions): string {
  const ctx: Ctx = { filter: new Table(BUILTIN.filter), nat: new Table(BUILTIN.nat), node, opts };
  filterBase(ctx.filter);
  natBase(ctx.nat);
  const ports = [...services].flatMap((s) => (s.headless || s.type === 'ExternalName' ? [] : s.ports));
  ports.sort((a, b) => (a.nameString + a.protocol < b.nameString + b.protocol ? -1 : 1));
  for (const sp of ports) servicePortRules(ctx, sp);
  ctx.nat.add('KUBE-SERVICES', '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
  const stamp = ctime(opts.nowMs);
  const version = 'iptables-save v1.8.9';
  return [
    `# Generated by ${version} on ${stamp}`, ...ctx.filter.render('filter'), `# Completed on ${stamp}`,
    `# Generated by ${version} on ${stamp}`, ...ctx.nat.render('nat'), `# Completed on ${stamp}`, '',
  ].join('\n');
}
