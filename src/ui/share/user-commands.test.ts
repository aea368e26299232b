import { describe, expect, it } from 'vitest';
import { userCommandsSignature } from './user-commands';

const user = (n: number) => ({ key: `cmd-${n}`, source: 'user' as const });
const step = (n: number) => ({ key: `cmd-${n}`, source: 'step' as const });

describe('userCommandsSignature', () => {
  it('ignores the scenario\'s own steps', () => {
    expect(userCommandsSignature([user(1), step(2)])).toBe(userCommandsSignature([user(1), step(2), step(3)]));
  });

  it('changes with a new user command even when the oldest one was dropped (a full list)', () => {
    const full = Array.from({ length: 100 }, (_, i) => user(i + 1));
    const next = [...full.slice(1), user(101)];
    expect(next).toHaveLength(full.length);
    expect(userCommandsSignature(next)).not.toBe(userCommandsSignature(full));
  });

  it('orders keys by number, not as text (cmd-10 is newer than cmd-9)', () => {
    expect(userCommandsSignature([user(9), user(10)])).toBe('2/10');
    expect(userCommandsSignature([])).toBe('0/-1');
  });
});
