import { permissionsOfRole, permissionsOfScopes } from './permissions';

describe('permissions', () => {
  it('owners may do everything, instructors all but administration, students read and run', () => {
    expect([...permissionsOfRole('owner')].sort()).toEqual(['admin', 'read', 'simulate', 'write']);
    expect([...permissionsOfRole('instructor')].sort()).toEqual(['read', 'simulate', 'write']);
    expect([...permissionsOfRole('student')].sort()).toEqual(['read', 'simulate']);
  });

  it("an API key may do exactly its scopes; unknown stored scopes grant nothing", () => {
    expect([...permissionsOfScopes(['read'])]).toEqual(['read']);
    expect([...permissionsOfScopes(['simulate', 'read', 'bogus'])].sort()).toEqual(['read', 'simulate']);
    expect(permissionsOfScopes([]).size).toBe(0);
  });
});
