import { describe, expect, it } from 'vitest';
import { resourceByName } from '../../api/resources';
import { forbidden, invalid, notFound } from '../../api/status';
import { statusLines } from './errors';

const deployments = resourceByName('deployments')!;

describe('statusLines (kubectl CheckErr)', () => {
  it('rewrites one Invalid cause as "The <Kind> "<name>" is invalid: …"', () => {
    const s = invalid(deployments, 'web', [{ field: 'spec.replicas', type: 'Invalid', value: -1, detail: 'must be greater than or equal to 0' }]);
    expect(statusLines(s)).toEqual(['The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('lists several causes as bullets, after the prefix with its trailing space', () => {
    const s = invalid(deployments, 'web', [
      { field: 'spec.replicas', type: 'Invalid', value: -1, detail: 'must be greater than or equal to 0' },
      { field: 'spec.template.spec.containers[0].image', type: 'Required' },
    ]);
    expect(statusLines(s, { verb: 'creating', file: 'web.yaml' })).toEqual([
      'The Deployment "web" is invalid: ',
      '* spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      '* spec.template.spec.containers[0].image: Required value',
    ]);
  });

  it('prints other errors as "Error from server (<Reason>)", with the file when there is one', () => {
    expect(statusLines(notFound(resourceByName('pods')!, 'x'))).toEqual(['Error from server (NotFound): pods "x" not found']);
    expect(statusLines(notFound(resourceByName('namespaces')!, 'nope'), { verb: 'creating', file: 'f.yaml' })).toEqual(['Error from server (NotFound): error when creating "f.yaml": namespaces "nope" not found']);
    expect(statusLines(forbidden('pods is forbidden: User "jane" cannot list resource "pods"'))).toEqual(['Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods"']);
  });
});
