import { describe, expect, it } from 'vitest';
import { readFrameMessage, readRenderRequest } from './protocol';

/** Both sides of the render frame treat what the other posts as untrusted. */

describe('readRenderRequest (the frame reads the page)', () => {
  const ok = { k: 'render', id: 'k-seq-svg-3', text: 'sequenceDiagram', theme: 'dark' };
  it('accepts a well-formed request', () => {
    expect(readRenderRequest(ok, 100)).toEqual(ok);
  });
  it.each([
    ['not an object', 'render'],
    ['null', null],
    ['wrong kind', { ...ok, k: 'draw' }],
    ['id outside the pattern', { ...ok, id: 'x"><script>' }],
    ['id as a number', { ...ok, id: 3 }],
    ['text not a string', { ...ok, text: ['sequenceDiagram'] }],
    ['text over the limit', { ...ok, text: 'x'.repeat(101) }],
    ['theme not light or dark', { ...ok, theme: 'forest' }],
    ['a config smuggled in place of the theme', { ...ok, theme: { securityLevel: 'loose' } }],
  ])('rejects %s', (_name, data) => {
    expect(readRenderRequest(data, 100)).toBeNull();
  });
});

describe('readFrameMessage (the page reads the frame)', () => {
  it('accepts ready, an SVG and a failure', () => {
    expect(readFrameMessage({ k: 'ready' })).toEqual({ k: 'ready' });
    expect(readFrameMessage({ k: 'done', id: 'k-seq-svg-1', result: { ok: true, svg: '<svg id="k-seq-svg-1"></svg>' }, ms: 12.5 })).toEqual({
      k: 'done', id: 'k-seq-svg-1', result: { ok: true, svg: '<svg id="k-seq-svg-1"></svg>' }, ms: 12.5,
    });
    expect(readFrameMessage({ k: 'done', id: 'k-seq-svg-1', result: { ok: false, message: 'm' }, ms: 3 })).toEqual({ k: 'done', id: 'k-seq-svg-1', result: { ok: false, message: 'm' }, ms: 3 });
  });
  it.each([['missing', undefined], ['negative', -1], ['not a number', '5'], ['infinite', Infinity]])('reads a %s time as 0', (_name, ms) => {
    expect(readFrameMessage({ k: 'done', id: 'k-seq-svg-1', result: { ok: true, svg: '<svg/>' }, ms })).toMatchObject({ ms: 0 });
  });
  it('keeps only the expected fields', () => {
    const msg = readFrameMessage({ k: 'done', id: 'k-seq-svg-1', extra: 1, result: { ok: true, svg: '<svg/>', onload: 'x' } });
    expect(msg).toEqual({ k: 'done', id: 'k-seq-svg-1', result: { ok: true, svg: '<svg/>' }, ms: 0 });
  });
  it('cuts a long failure message', () => {
    const msg = readFrameMessage({ k: 'done', id: 'k-seq-svg-1', result: { ok: false, message: 'x'.repeat(5000) } });
    expect(msg?.k === 'done' && !msg.result.ok ? msg.result.message.length : 0).toBe(500);
  });
  it.each([
    ['unknown kind', { k: 'hello' }],
    ['done without id', { k: 'done', result: { ok: true, svg: '<svg/>' } }],
    ['an SVG that is not one', { k: 'done', id: 'k-seq-svg-1', result: { ok: true, svg: '<img src=x onerror=alert(1)>' } }],
    ['ok not a boolean', { k: 'done', id: 'k-seq-svg-1', result: { ok: 'yes', svg: '<svg/>' } }],
    ['no result', { k: 'done', id: 'k-seq-svg-1' }],
    ['a string', 'ready'],
  ])('rejects %s', (_name, data) => {
    expect(readFrameMessage(data)).toBeNull();
  });
});
