import { describe, expect, it } from 'vitest';
import { jsonPathTemplate } from './jsonpath';

const LIST = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } }, status: { conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' } },
    { metadata: { name: 'b', labels: {} }, status: { conditions: [{ type: 'Ready', status: 'False' }], phase: 'Pending' } },
  ],
};

describe('jsonPathTemplate', () => {
  it.each([
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'a\tRunning\nb\tPending\n'],
    ['{.items[*].status.conditions[?(@.type=="Ready")].status}', 'True False'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'web'],
    ['{.items[0].metadata.labels}', '{"app.kubernetes.io/name":"web"}'],
    ['{.items[*].missing}', ''],
    ['names: {.items[*].metadata.name}', 'names: a b'],
    ['{.kind}', 'List'],
  ])('%s', (tpl, out) => {
    expect(jsonPathTemplate(tpl, LIST)).toBe(out);
  });

  it('reports unclosed actions and stray ends', () => {
    expect(() => jsonPathTemplate('{.items', LIST)).toThrow('unclosed action');
    expect(() => jsonPathTemplate('{end}', LIST)).toThrow('not in range');
  });
});
