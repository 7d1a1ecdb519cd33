import { permissionsOfRole, permissionsOfScopes } from './permissions';

describe('permissions', () => {
  it('owners may do everything, instructors all but administration, students read, run and write (their own)', () => {
    expect([...permissionsOfRole('owner')].sort()).toEqual(['admin', 'read', 'simulate', 'teach', 'write']);
    expect([...permissionsOfRole('instructor')].sort()).toEqual(['read', 'simulate', 'teach', 'write']);
    expect([...permissionsOfRole('student')].sort()).toEqual(['read', 'simulate', 'write']);
  });

  it("an API key may do exactly its scopes; unknown stored scopes grant nothing", () => {
    expect([...permissionsOfScopes(['read'])]).toEqual(['read']);
    expect([...permissionsOfScopes(['simulate', 'read', 'bogus'])].sort()).toEqual(['read', 'simulate']);
    expect(permissionsOfScopes([]).size).toBe(0);
  });
});
