import { describe, expect, it } from 'vitest';
import { productRoleOf } from '../../../src/domain/people/product-role.js';

describe('product role from the directory (DESIGN.md "Who uses it")', () => {
  it.each([
    ['Director of Children\'s Services', 5, 'senior-manager'],
    ['Head of Service, Safeguarding', 3, 'senior-manager'],
    ['Service Manager', 2, 'senior-manager'],
    ['Principal Social Worker', 0, 'senior-manager'],
    ['Team Manager', 6, 'supervisor'],
    ['Senior Practitioner', 1, 'supervisor'],
    ['Social Worker', 0, 'supervisee'],
    ['Business Support Officer', 0, 'supervisee'],
  ] as const)('%s with %i reports is a %s', (jobTitle, reports, role) => {
    expect(productRoleOf({ id: 'x', displayName: 'X', jobTitle }, reports)).toBe(role);
  });
});
