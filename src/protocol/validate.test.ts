import { describe, expect, it } from 'vitest';
import { checkPageMessage, checkWorkerMessage } from './validate';
import { PROTOCOL_VERSION } from './version';

describe('message envelopes', () => {
  it.each([
    [null, 'not a protocol message'],
    ['hello', 'not a protocol message'],
    [{ type: 'nope', v: PROTOCOL_VERSION }, 'unknown message type "nope"'],
    [{ type: 'hello', v: PROTOCOL_VERSION + 1 }, `protocol version ${PROTOCOL_VERSION + 1}, expected ${PROTOCOL_VERSION}`],
  ])('rejects %j', (data, reason) => {
    expect(checkPageMessage(data)).toEqual({ ok: false, reason });
  });

  it('accepts the current version on the right side only', () => {
    expect(checkPageMessage({ type: 'hello', v: PROTOCOL_VERSION }).ok).toBe(true);
    expect(checkWorkerMessage({ type: 'hello', v: PROTOCOL_VERSION }).ok).toBe(false);
    expect(checkWorkerMessage({ type: 'heartbeat', v: PROTOCOL_VERSION, seq: 1 }).ok).toBe(true);
  });
});
