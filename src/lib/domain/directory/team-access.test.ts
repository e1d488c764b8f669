import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/roles';
import { canEditTeam, canViewTeam } from './team-access';

describe('who may see and change the team', () => {
  it('lets only admins change offices and technicians', () => {
    expect(ROLES.filter(canEditTeam)).toEqual(['admin']);
  });

  it('lets admins, dispatchers and managers look the team up, not technicians or wall screens', () => {
    expect(ROLES.filter(canViewTeam)).toEqual(['admin', 'dispatcher', 'manager']);
  });
});
