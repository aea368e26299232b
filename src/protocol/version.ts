/** Bumped whenever a message or record shape changes incompatibly; both sides check it. */
export const PROTOCOL_VERSION = 2;

/** Exhaustiveness guard for every switch over a protocol union. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
