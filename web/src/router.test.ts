// Dashboard addresses: the named parts of a path, or no match.
import { describe, expect, it } from 'vitest';
import { match } from './router';

describe('match', () => {
  it('gives the named parts, decoded', () => {
    expect(match('/projects/:projectId/deliverables/:deliverableId', '/projects/cultnetwork/deliverables/d%2013')).toEqual({
      projectId: 'cultnetwork',
      deliverableId: 'd 13',
    });
  });

  it('ignores a trailing slash and refuses other shapes', () => {
    expect(match('/projects/:projectId', '/projects/cultnetwork/')).toEqual({ projectId: 'cultnetwork' });
    expect(match('/projects/:projectId', '/projects/cultnetwork/money')).toBeUndefined();
    expect(match('/people', '/projects')).toBeUndefined();
  });
});
