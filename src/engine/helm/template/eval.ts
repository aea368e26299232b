import { nodeString, type AnyNode, type ArgNode, type ChainNode, type CommandNode, type FieldNode, type IdentifierNode, type PipeNode, type VariableNode } from './ast';
import { FuncError, TemplateExecError } from './errors';
import { goParamType, type GoFunc, type ParamType } from './funcs/types';
import type { State } from './state';
import { GoStruct, goTypeName, isMap, mapGet, truth, type GoValue } from './value';

/** The pipeline's previous value, or nothing (Go's `missingVal`). */
export const MISSING = Symbol('missing');
export type Final = GoValue | typeof MISSING;

export function evalPipeline(s: State, dot: GoValue, pipe: PipeNode): GoValue {
  s.at(pipe);
  let value: Final = MISSING;
  for (const cmd of pipe.cmds) value = evalCommand(s, dot, cmd, value);
  const result = value === MISSING ? null : value;
  for (const v of pipe.decl) {
    const name = v.ident[0]!;
    if (pipe.isAssign) s.setVar(name, result);
    else s.push(name, result);
  }
  return result;
}

function evalCommand(s: State, dot: GoValue, cmd: CommandNode, final: Final): GoValue {
  const first = cmd.args[0]!;
  switch (first.kind) {
    case 'field':
      return evalFieldNode(s, dot, first, cmd.args, final);
    case 'chain':
      return evalChainNode(s, dot, first, cmd.args, final);
    case 'identifier':
      return evalFunction(s, dot, first, cmd, cmd.args, final);
    case 'pipe':
      notAFunction(s, cmd.args, final);
      return evalPipeline(s, dot, first);
    case 'variable':
      return evalVariableNode(s, dot, first, cmd.args, final);
    default:
      break;
  }
  s.at(first);
  notAFunction(s, cmd.args, final);
  switch (first.kind) {
    case 'bool':
      return first.value;
    case 'dot':
      return dot;
    case 'nil':
      return s.errorf('nil is not a command');
    case 'number':
      return idealConstant(s, first);
    case 'string':
      return first.text;
  }
}

function notAFunction(s: State, args: readonly ArgNode[], final: Final): void {
  if (args.length > 1 || final !== MISSING) s.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
}

function idealConstant(s: State, n: Extract<ArgNode, { kind: 'number' }>): GoValue {
  s.at(n);
  const looksFloat = /[.eEpP]/.test(n.text) && !/^[+-]?0[xX]/.test(n.text) && !n.text.startsWith("'");
  if (n.isFloat && looksFloat) return n.float;
  if (n.isInt) return n.int;
  return s.errorf(`${n.text} overflows int`);
}

function evalFieldNode(s: State, dot: GoValue, field: FieldNode, args: readonly ArgNode[], final: Final): GoValue {
  s.at(field);
  return evalFieldChain(s, dot, dot, field, field.ident, args, final, false);
}

function evalChainNode(s: State, dot: GoValue, chain: ChainNode, args: readonly ArgNode[], final: Final): GoValue {
  s.at(chain);
  if (chain.node.kind === 'nil') s.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
  const pipe = evalArg(s, dot, 'any', chain.node);
  return evalFieldChain(s, dot, pipe, chain, chain.field, args, final, false);
}

function evalVariableNode(s: State, dot: GoValue, v: VariableNode, args: readonly ArgNode[], final: Final): GoValue {
  s.at(v);
  const value = s.varValue(v.ident[0]!);
  if (v.ident.length === 1) {
    notAFunction(s, args, final);
    return value;
  }
  return evalFieldChain(s, dot, value, v, v.ident.slice(1), args, final, false);
}

/**
 * Walks `.a.b.c`. A nil met half-way (a missing map key) is an error, as Go reports
 * "nil pointer evaluating interface {}.c"; a nil at the start (nil dot) quietly yields nil.
 */
function evalFieldChain(s: State, dot: GoValue, receiver: GoValue, node: AnyNode, ident: readonly string[], args: readonly ArgNode[], final: Final, fromMap: boolean): GoValue {
  let recv = receiver;
  let viaMap = fromMap;
  const n = ident.length;
  for (let i = 0; i < n - 1; i++) {
    recv = evalField(s, dot, ident[i]!, node, [], MISSING, recv, viaMap);
    viaMap = true;
  }
  return evalField(s, dot, ident[n - 1]!, node, args, final, recv, viaMap);
}

function evalField(s: State, dot: GoValue, name: string, node: AnyNode, args: readonly ArgNode[], final: Final, receiver: GoValue, viaMap: boolean): GoValue {
  if (receiver === null) {
    if (!viaMap) return null;
    return s.errorf(`nil pointer evaluating interface {}.${name}`);
  }
  const hasArgs = args.length > 1 || final !== MISSING;
  if (receiver instanceof GoStruct) {
    const method = receiver.methods.get(name);
    if (method) return callMethod(s, dot, name, method, node, args, final);
    const field = receiver.fields.get(name);
    if (field !== undefined) {
      if (hasArgs) s.errorf(`${name} has arguments but cannot be invoked as function`);
      return field;
    }
    return s.errorf(`can't evaluate field ${name} in type ${receiver.typeName}`);
  }
  if (isMap(receiver)) {
    if (hasArgs) s.errorf(`${name} is not a method but has arguments`);
    return mapGet(receiver, name) ?? null;
  }
  return s.errorf(`can't evaluate field ${name} in type ${viaMap ? 'interface {}' : goTypeName(receiver)}`);
}

function callMethod(s: State, dot: GoValue, name: string, method: (args: readonly GoValue[]) => GoValue, node: AnyNode, args: readonly ArgNode[], final: Final): GoValue {
  const argv = args.slice(1).map((a) => evalArg(s, dot, 'any', a));
  if (final !== MISSING) argv.push(final);
  try {
    return method(argv);
  } catch (e) {
    s.at(node);
    return s.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function evalFunction(s: State, dot: GoValue, node: IdentifierNode, cmd: AnyNode, args: readonly ArgNode[], final: Final): GoValue {
  s.at(node);
  const fn = s.env.funcs.get(node.ident);
  if (!fn) return s.errorf(`${JSON.stringify(node.ident)} is not a defined function`);
  return evalCall(s, dot, fn, cmd, node.ident, args, final);
}

function checkArgCount(s: State, fn: GoFunc, name: string, given: number, numIn: number): void {
  const fixed = fn.params.length;
  if (fn.variadic !== undefined) {
    if (numIn < fixed) s.errorf(`wrong number of args for ${name}: want at least ${fixed} got ${given}`);
  } else if (numIn !== fixed) {
    s.errorf(`wrong number of args for ${name}: want ${fixed} got ${numIn}`);
  }
}

function evalCall(s: State, dot: GoValue, fn: GoFunc, node: AnyNode, name: string, allArgs: readonly ArgNode[], final: Final): GoValue {
  s.step();
  const args = allArgs.slice(1);
  const numIn = args.length + (final === MISSING ? 0 : 1);
  checkArgCount(s, fn, name, args.length, numIn);
  if (name === 'and' || name === 'or') return shortCircuit(s, dot, name, args, final);
  const paramAt = (i: number): ParamType => fn.params[i] ?? fn.variadic ?? 'any';
  const argv: GoValue[] = args.map((a, i) => evalArg(s, dot, paramAt(i), a));
  if (final !== MISSING) argv.push(validateType(s, final, paramAt(args.length), false));
  try {
    return fn.fn(argv, s.env.context(s));
  } catch (e) {
    s.at(node);
    if (e instanceof TemplateExecError) return s.errorf(`error calling ${name}: ${e.message}`, e.fail);
    if (e instanceof FuncError) return s.errorf(`error calling ${name}: ${e.message}`, e.fail);
    if (e instanceof RangeError) return s.errorf(`error calling ${name}: ${e.message}`);
    throw e;
  }
}

/** Go 1.18+ `and` / `or`: evaluate left to right, stop at the deciding operand and return it. */
function shortCircuit(s: State, dot: GoValue, name: string, args: readonly ArgNode[], final: Final): GoValue {
  let v: GoValue = null;
  for (const a of args) {
    v = evalArg(s, dot, 'value', a);
    if (truth(v) === (name === 'or')) return v;
  }
  if (final !== MISSING) v = final;
  return v;
}

/** Evaluates one argument for a parameter of type `typ` (exec.go evalArg). */
export function evalArg(s: State, dot: GoValue, typ: ParamType, n: ArgNode): GoValue {
  s.at(n);
  switch (n.kind) {
    case 'dot':
      return validateType(s, dot, typ, false);
    case 'nil':
      if (typ === 'any' || typ === 'value' || typ === 'map') return null;
      return s.errorf(`cannot assign nil to ${goParamType(typ)}`);
    case 'field':
      return validateType(s, evalFieldNode(s, dot, n, [n], MISSING), typ, true);
    case 'variable':
      return validateType(s, evalVariableNode(s, dot, n, [], MISSING), typ, n.ident.length > 1);
    case 'pipe':
      return validateType(s, evalPipeline(s, dot, n), typ, false);
    case 'identifier':
      return validateType(s, evalFunction(s, dot, n, n, [n], MISSING), typ, false);
    case 'chain':
      return validateType(s, evalChainNode(s, dot, n, [], MISSING), typ, true);
    default:
      return evalConstant(s, typ, n);
  }
}

function evalConstant(s: State, typ: ParamType, n: Extract<ArgNode, { kind: 'bool' | 'number' | 'string' }>): GoValue {
  switch (typ) {
    case 'any':
    case 'value':
      if (n.kind === 'number') return idealConstant(s, n);
      return n.kind === 'bool' ? n.value : n.text;
    case 'bool':
      if (n.kind === 'bool') return n.value;
      return s.errorf(`expected bool; found ${nodeString(n)}`);
    case 'int':
      if (n.kind === 'number' && n.isInt) return n.int;
      return s.errorf(`expected integer; found ${nodeString(n)}`);
    case 'float':
      if (n.kind === 'number' && n.isFloat) return n.float;
      return s.errorf(`expected float; found ${nodeString(n)}`);
    case 'string':
      if (n.kind === 'string') return n.text;
      return s.errorf(`expected string; found ${nodeString(n)}`);
    case 'map':
      return s.errorf(`can't handle ${nodeString(n)} for arg of type ${goParamType(typ)}`);
  }
}

/**
 * exec.go validateType. A nil straight from a map lookup is a typed `interface {}` in Go, so
 * a concrete parameter reports "got interface {}"; a nil that went through a pipeline is an
 * invalid value and reports "invalid value".
 */
export function validateType(s: State, v: GoValue, typ: ParamType, viaField: boolean): GoValue {
  if (typ === 'any' || typ === 'value') return v;
  if (v === null) {
    if (viaField) return s.errorf(`wrong type for value; expected ${goParamType(typ)}; got interface {}`);
    if (typ === 'map') return null;
    return s.errorf(`invalid value; expected ${goParamType(typ)}`);
  }
  const ok =
    (typ === 'string' && typeof v === 'string') ||
    (typ === 'int' && typeof v === 'bigint') ||
    (typ === 'float' && typeof v === 'number') ||
    (typ === 'bool' && typeof v === 'boolean') ||
    (typ === 'map' && isMap(v));
  if (!ok) s.errorf(`wrong type for value; expected ${goParamType(typ)}; got ${goTypeName(v)}`);
  return v;
}
