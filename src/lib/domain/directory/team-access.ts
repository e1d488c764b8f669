/**
 * Who may see and who may change the organisation's offices and technicians (Settings).
 * Admins set the team up; dispatchers and managers look it up; technicians and wall screens
 * do not need the list.
 */
import type { Role } from '../access/roles';

/** May open Settings › Offices and › Technicians. */
export function canViewTeam(role: Role): boolean {
  return role === 'admin' || role === 'dispatcher' || role === 'manager';
}

/** May add and edit offices and technicians (and link technicians to accounts). */
export function canEditTeam(role: Role): boolean {
  return role === 'admin';
}
