import type { NodeOptions } from '../host';
import { fail, type ExitCode, type Invocation } from '../invocation';
import type { ParsedFlags } from '../shell/flags';
import { parseTaint } from '../kubectl/taint-spec';
import { isValidQuantity } from '../../util/quantity';
import { FAULT_VERBS } from './fault-verbs';
import type { SandboxVerb } from './sandbox';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function nodeName(flags: ParsedFlags, usage: string): string {
  const [name, ...extra] = flags.args;
  if (name === undefined) fail(`error: a node name is required`, `Usage: ${usage}`);
  if (extra.length > 0) fail(`error: unexpected arguments: ${extra.join(' ')}`, `Usage: ${usage}`);
  return name;
}

/** Runs a host action that answers with an error text or nothing. */
function act(inv: Invocation, result: string | undefined, success: string): ExitCode {
  if (result !== undefined) fail(`error: ${result}`);
  inv.proc.out(success);
  return 0;
}

function parseNodeOptions(flags: ParsedFlags): NodeOptions {
  const opts: NodeOptions = {};
  const cpu = flags.string('cpu');
  const memory = flags.string('memory');
  if (cpu !== undefined) {
    if (!isValidQuantity(cpu)) fail(`error: invalid --cpu "${cpu}": must be a quantity such as 4 or 3500m`);
    opts.cpu = cpu;
  }
  if (memory !== undefined) {
    if (!isValidQuantity(memory)) fail(`error: invalid --memory "${memory}": must be a quantity such as 8Gi or 512Mi`);
    opts.memory = memory;
  }
  const pods = flags.int('pods');
  if (pods !== undefined) {
    if (pods < 1 || pods > 1000) fail(`error: invalid --pods ${pods}: must be between 1 and 1000`);
    opts.pods = pods;
  }
  const labels: Record<string, string> = {};
  for (const l of flags.strings('label')) {
    const eq = l.indexOf('=');
    if (eq <= 0) fail(`error: invalid --label "${l}": expected key=value`);
    labels[l.slice(0, eq)] = l.slice(eq + 1);
  }
  if (Object.keys(labels).length > 0) opts.labels = labels;
  const taints = flags.strings('taint').map((t) => {
    const r = parseTaint(t);
    if (!('taint' in r)) fail(`error: invalid --taint "${t}": ${'error' in r ? r.error : 'expected key[=value]:Effect'}`);
    return r.taint;
  });
  if (taints.length > 0) opts.taints = taints;
  return opts;
}

const killNode: SandboxVerb = {
  path: ['kill', 'node'],
  args: 'NAME',
  short: "Power a node off: its kubelet stops, heartbeats stop, pods stay where they were",
  flags: [],
  run: (inv, flags) => {
    const name = nodeName(flags, 'sandbox kill node NAME');
    return act(inv, inv.host.sandbox.killNode(name), `node/${name} powered off`);
  },
};

const restoreNode: SandboxVerb = {
  path: ['restore', 'node'],
  args: 'NAME',
  short: 'Power a node back on: its kubelet starts again and re-registers',
  flags: [],
  run: (inv, flags) => {
    const name = nodeName(flags, 'sandbox restore node NAME');
    return act(inv, inv.host.sandbox.restoreNode(name), `node/${name} powered on`);
  },
};

const addNode: SandboxVerb = {
  path: ['add', 'node'],
  args: 'NAME',
  short: 'Add a worker machine; its kubelet registers a new Node',
  flags: [
    { name: 'cpu', type: 'string', default: '4', usage: 'CPU capacity (quantity)' },
    { name: 'memory', type: 'string', default: '8Gi', usage: 'Memory capacity (quantity)' },
    { name: 'pods', type: 'int', default: 110, usage: 'Maximum pods' },
    { name: 'label', type: 'stringArray', usage: 'Node label key=value (repeatable)' },
    { name: 'taint', type: 'stringArray', usage: 'Node taint key[=value]:Effect (repeatable)' },
  ],
  run: (inv, flags) => {
    const name = nodeName(flags, 'sandbox add node NAME [--cpu 4] [--memory 8Gi] [--pods 110] [--label k=v] [--taint k=v:Effect]');
    if (name.length > 63 || !DNS1123_SUBDOMAIN.test(name)) {
      fail(`error: invalid node name "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`);
    }
    return act(inv, inv.host.sandbox.addNode(name, parseNodeOptions(flags)), `node/${name} added`);
  },
};

const removeNode: SandboxVerb = {
  path: ['remove', 'node'],
  args: 'NAME',
  short: 'Decommission a machine and delete its Node object',
  flags: [],
  run: (inv, flags) => {
    const name = nodeName(flags, 'sandbox remove node NAME');
    return act(inv, inv.host.sandbox.removeNode(name), `node/${name} removed`);
  },
};

/** Every sandbox action. Add a row here for new ones. */
export const SANDBOX_VERBS: readonly SandboxVerb[] = [killNode, restoreNode, addNode, removeNode, ...FAULT_VERBS];
