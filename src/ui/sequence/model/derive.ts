import type { InteractionRecord } from '../../../protocol';
import { nodeOfComponent, type Participant, type ParticipantMap } from './participants';
import type { Arrow, PhaseId, Step } from './types';
import { agree, pluralKind, sentence, watchVerb } from './words';

/**
 * One record → one message: what the arrow says, what the caption says in plain words,
 * and the key under which messages about different objects fold together.
 */

export interface DeriveContext {
  readonly lanes: ParticipantMap;
  /** Pod name → node, from the scheduler's `schedule <pod> → <node>` records. */
  readonly podNode: ReadonlyMap<string, string>;
  readonly flavor: 'kubectl' | 'helm' | 'sandbox' | 'other';
}

type Parts = Pick<Step, 'text' | 'caption' | 'key' | 'many' | 'manyCaption' | 'family'> & { arrow?: Arrow; node?: string; phase?: PhaseId };

const HELM_PHASE: Record<string, PhaseId | undefined> = { command: 'command', render: 'render', apply: 'store', wait: undefined };

/** The phase a component's own activity stands for. */
function phaseOfActor(p: Participant): PhaseId | undefined {
  switch (p.kind) {
    case 'controller':
      return 'store';
    case 'scheduler':
      return 'schedule';
    case 'kubelet':
    case 'runtime':
      return 'start';
    case 'node':
      return 'command';
    default:
      return undefined;
  }
}

function same(text: string, caption: string): Parts {
  return { text, caption, key: text, many: `${text} ×{n}`, manyCaption: `${caption} ({n} times)` };
}

function userRequest(r: InteractionRecord, who: Participant): Parts {
  const [verb = '', path = ''] = r.label.split(' ', 2);
  const name = r.ref?.name;
  const generic = name && path.endsWith(`/${name}`) ? `${path.slice(0, -name.length)}*` : path;
  const what = r.ref ? `${r.ref.kind} ${r.ref.name}` : path;
  const ask: Record<string, string> = { GET: `for ${what}`, POST: `to create ${what}`, PUT: `to replace ${what}`, PATCH: `to patch ${what}`, DELETE: `to delete ${what}` };
  const caption = `${sentence(who.subject)} asks the API server ${ask[verb] ?? r.label} (${verb}).`;
  // Reads belong to the command itself; a write is the API server validating and storing.
  const phase: PhaseId = verb === 'GET' || verb === 'WATCH' ? 'command' : 'store';
  const family = verb === 'GET' ? { key: `${who.key}|GET`, many: 'GET {objects}', caption: `${sentence(who.subject)} reads {objects} from the API server (GET).` } : undefined;
  return { text: r.label, caption, key: `${verb} ${generic}`, many: `${verb} ${generic} ×{n}`, manyCaption: `${sentence(who.subject)} sends {n} ${verb} requests to the API server.`, phase, family };
}

function componentRequest(r: InteractionRecord, who: Participant, ctx: DeriveContext, status: string | undefined): Parts {
  const [verb = '', path = ''] = r.label.split(' ', 2);
  const kind = r.ref?.kind ?? 'object';
  const name = r.ref?.name ?? '';
  const subject = sentence(who.subject);
  if (status !== undefined) {
    return {
      text: `status ${status}`, key: `status ${status}`, many: `status ${status} ×{n}`,
      caption: `${subject} ${agree(who, 'reports', 'report')} pod ${name} as ${status}.`,
      manyCaption: `${subject} ${agree(who, 'reports', 'report')} {n} pod statuses as ${status}.`,
    };
  }
  if (verb === 'POST' && path.endsWith('/binding')) {
    const node = ctx.podNode.get(name);
    const to = node ? ` → ${node}` : '';
    return {
      text: `bind ${name}${to}`, key: 'bind', many: 'bind {n} pods → {nodes}', node,
      caption: `${subject} binds pod ${name} to ${node ?? 'its node'}: the API server sets spec.nodeName.`,
      manyCaption: `${subject} binds {n} pods to {nodes}.`,
    };
  }
  if (verb === 'POST' && path.endsWith('/eviction')) {
    return { text: `evict pod ${name}`, key: 'evict', many: 'evict {n} pods', caption: `${subject} asks the API server to evict pod ${name}.`, manyCaption: `${subject} evicts {n} pods.` };
  }
  const plural = pluralKind(kind);
  const forms: Record<string, [string, string, string]> = {
    POST: ['create', 'to create', 'create'],
    PUT: [path.endsWith('/status') ? 'update status of' : 'update', 'to update', 'update'],
    PATCH: ['patch', 'to patch', 'patch'],
    DELETE: ['delete', 'to delete', 'delete'],
    GET: ['get', 'for', 'get'],
  };
  const form = forms[verb];
  if (!form || !r.ref) return same(r.label, `${subject} sends ${r.label} to the API server.`);
  const [act, ask, manyAct] = form;
  return {
    text: `${act} ${kind} ${name}`, key: `${act} ${kind}`, many: `${manyAct} {n} ${plural}`,
    caption: `${subject} asks the API server ${ask} ${kind} ${name}.`, manyCaption: `${subject} asks the API server ${ask} {n} ${plural}.`,
  };
}

function etcd(r: InteractionRecord, store: Participant): Parts {
  const m = /^txn (put|delete) (\S+)$/.exec(r.label);
  const where = store.subject;
  if (!m) return same(r.label, `The API server writes to ${where}: ${r.label}.`);
  const [, op, key] = m;
  const prefix = key!.slice(0, key!.lastIndexOf('/') + 1);
  const what = r.ref ? `the ${r.ref.kind} ${r.ref.name}` : key!;
  const caption = op === 'put' ? `The API server stores ${what} in ${where} (${key}).` : `The API server removes ${what} from ${where}.`;
  const plural = r.ref ? pluralKind(r.ref.kind) : 'objects';
  return { text: r.label, caption, key: `txn ${op} ${prefix}*`, many: `txn ${op} {n} keys ${prefix}*`, manyCaption: `The API server writes {n} ${plural} to ${where}.` };
}

function watch(r: InteractionRecord, to: Participant): Parts {
  const m = /^watch (\w+) (\S+) (.+)$/.exec(r.label);
  if (!m) return same(r.label, `The API server notifies ${to.subject}: ${r.label}.`);
  const [, type, kind, name] = m;
  return {
    text: r.label, key: `watch ${type} ${kind}`, many: `watch ${type} {n} ${pluralKind(kind!)}`,
    caption: `The API server tells ${to.subject} that ${kind} ${name} ${watchVerb(type!)}.`,
    manyCaption: `The API server tells ${to.subject} about {n} ${pluralKind(kind!)}.`,
  };
}

function schedule(r: InteractionRecord): Parts {
  const m = /^schedule (\S+) → (\S+)$/.exec(r.label);
  if (m) {
    return {
      text: r.label, key: 'schedule', many: 'schedule {n} pods → {nodes}', node: m[2],
      caption: `The scheduler filters and scores the nodes and picks ${m[2]} for pod ${m[1]}.`,
      manyCaption: 'The scheduler filters and scores the nodes for {n} pods and picks {nodes}.',
    };
  }
  const u = /^unschedulable (\S+)$/.exec(r.label);
  if (u) return { text: r.label, key: 'unschedulable', many: '{n} pods unschedulable', caption: `No node fits pod ${u[1]}: it stays Pending.`, manyCaption: 'No node fits {n} pods: they stay Pending.' };
  return same(r.label, `The scheduler: ${r.label}.`);
}

/** Kubelet and runtime work: label pattern, folded text, and what it means ($1 = the name). */
const NODE_WORK: readonly { re: RegExp; many: string; says: string; manySays: string }[] = [
  { re: /^admit pod (\S+)$/, many: 'admit {n} pods', says: 'admit$s pod $1: it fits and may run here', manySays: 'admit$s {n} pods' },
  { re: /^run sandbox (\S+)$/, many: 'run {n} pod sandboxes', says: 'ask$s the container runtime for the sandbox of pod $1 (its network namespace and pause container)', manySays: 'ask$s the container runtime for {n} pod sandboxes' },
  { re: /^pull (\S+)$/, many: 'pull $1 ×{n}', says: 'ask$s the container runtime to pull the image $1 from the registry', manySays: 'ask$s the container runtime to pull $1 ({n} pods on {nodes})' },
  { re: /^create container (\S+)$/, many: 'create container $1 ×{n}', says: 'ask$s the container runtime to create container $1', manySays: 'ask$s the container runtime to create {n} $1 containers' },
  { re: /^start container (\S+)$/, many: 'start container $1 ×{n}', says: 'ask$s the container runtime to start container $1', manySays: 'ask$s the container runtime to start {n} $1 containers' },
  { re: /^stop container (\S+)$/, many: 'stop container $1 ×{n}', says: 'ask$s the container runtime to stop container $1', manySays: 'ask$s the container runtime to stop {n} $1 containers' },
  { re: /^kill pod (\S+)$/, many: 'kill {n} pods', says: 'kill$s pod $1', manySays: 'kill$s {n} pods' },
];

function nodeWork(r: InteractionRecord, who: Participant, node: string | undefined): Parts {
  const on = who.node === undefined && node ? ` on ${node}` : '';
  const subject = sentence(who.subject);
  const s = agree(who, 's', '');
  for (const w of NODE_WORK) {
    const m = w.re.exec(r.label);
    if (!m) continue;
    const fillIn = (t: string): string => t.replace(/\$1/g, m[1] ?? '').replace(/\$s/g, s);
    const key = fillIn(w.many);
    return { text: `${r.label}${on}`, key, many: key, node, caption: `${subject}${on} ${fillIn(w.says)}.`, manyCaption: `${subject} ${fillIn(w.manySays)}.` };
  }
  const name = r.ref?.name;
  const key = name ? r.label.split(name).join('…') : r.label;
  return { text: `${r.label}${on}`, key, many: `${key} ×{n}`, node, caption: `${subject}${on}: ${r.label}.`, manyCaption: `${subject}: ${key} ({n} times).` };
}

function parts(r: InteractionRecord, from: Participant, to: Participant, ctx: DeriveContext, status: string | undefined): Parts {
  switch (r.kind) {
    case 'request':
      return from.kind === 'user' ? userRequest(r, from) : { ...componentRequest(r, from, ctx, status), phase: phaseOfActor(from) };
    case 'response': {
      const code = r.code ?? 0;
      const note = code === 404 && r.to.startsWith('user/') ? ' (it does not exist yet)' : '';
      const answer = same(r.label, `The API server answers ${to.subject}: ${r.label}${note}.`);
      const family = to.kind === 'user' ? { key: `${to.key}|${r.label}`, many: answer.many, caption: answer.manyCaption } : undefined;
      return { ...answer, arrow: 'reply', family };
    }
    case 'etcd':
      return etcd(r, to);
    case 'watch':
      return { ...watch(r, to), arrow: 'notify', phase: phaseOfActor(to) };
    case 'schedule':
    case 'bind':
      return { ...schedule(r), phase: 'schedule' };
    case 'kubelet':
    case 'runtime': {
      const reply = r.from.startsWith('runtime/');
      const p = nodeWork(r, reply ? to : from, nodeOfComponent(r.from));
      return { ...p, phase: 'start', ...(reply ? { arrow: 'reply' as const } : {}) };
    }
    case 'helm':
      return { ...same(r.label, `Helm: ${r.label}.`), phase: r.phase ? HELM_PHASE[r.phase] : undefined };
    case 'sandbox':
      return { ...same(r.label, `You ${r.label} (the machine, not Kubernetes).`), phase: 'command' };
    default:
      return same(r.label, `${sentence(from.subject)}: ${r.label}.`);
  }
}

/** Longest message label drawn on an arrow (the caption keeps the whole text). */
export const MAX_ARROW_TEXT = 80;

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length > MAX_ARROW_TEXT ? `${chars.slice(0, MAX_ARROW_TEXT - 1).join('')}…` : text;
}

export function deriveStep(r: InteractionRecord, ctx: DeriveContext, status?: string): Step {
  const from = ctx.lanes.of(r.from);
  const to = ctx.lanes.of(r.to);
  const p = parts(r, from, to, ctx, status);
  const arrow: Arrow = p.arrow ?? (from.key === to.key ? 'self' : 'call');
  const node = p.node ?? nodeOfComponent(r.from) ?? nodeOfComponent(r.to);
  return {
    seq: r.seq, tMs: r.tMs, kind: r.kind, from: from.key, to: to.key, arrow,
    text: clip(p.text), caption: p.caption, key: `${from.key}>${to.key}|${p.key}`, many: p.many, manyCaption: p.manyCaption,
    ...(r.ref ? { ref: `${r.ref.kind} ${r.ref.namespace ?? ''}/${r.ref.name}` } : {}),
    ...(p.family ? { family: p.family } : {}),
    ...(node !== undefined ? { node } : {}), ...(p.phase !== undefined ? { phase: p.phase } : {}),
  };
}
