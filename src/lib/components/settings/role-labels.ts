/** How roles read in the UI (DESIGN §2 gives what each may do). */
import { ROLES, type Role } from '../../domain/access/roles';

const LABELS: Record<Role, string> = {
  admin: 'Admin',
  dispatcher: 'Dispatcher',
  technician: 'Technician',
  manager: 'Manager',
  wallboard: 'Wallboard'
};

const DESCRIPTIONS: Record<Role, string> = {
  admin: 'everything, including users',
  dispatcher: 'edits the board and finance',
  technician: 'edits the board; no finance',
  manager: 'views the board and finance',
  wallboard: 'views the board (office screen)'
};

export const ROLE_OPTIONS: ReadonlyArray<{ value: Role; label: string; description: string }> = ROLES.map((role) => ({
  value: role,
  label: LABELS[role],
  description: DESCRIPTIONS[role]
}));

export function roleLabel(role: Role): string {
  return LABELS[role];
}

/** A random password people can read out: 3 groups of 4 from an unambiguous alphabet (~59 bits). */
export function generatePassword(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => crypto.getRandomValues(b)): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = random(new Uint8Array(12));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((g) => g.join('')).join('-');
}
