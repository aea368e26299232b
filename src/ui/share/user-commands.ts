import type { CommandRecord } from '../../protocol/records';

/**
 * A value that changes with every new user command. The worker keeps only the newest 100
 * command records, so a count alone stops changing once the list is full; the newest key
 * (`cmd-<n>`, numbered in order) does not.
 */
export function userCommandsSignature(commands: readonly Pick<CommandRecord, 'key' | 'source'>[]): string {
  let n = 0;
  let newest = -1;
  for (const c of commands) {
    if (c.source !== 'user') continue;
    n++;
    const num = Number(c.key.slice(c.key.lastIndexOf('-') + 1));
    if (Number.isFinite(num) && num > newest) newest = num;
  }
  return `${n}/${newest}`;
}
