/**
 * Settings › Offices and › Technicians: the organisation's team as live lists, who may see and
 * change it, and the commands the forms call. Reads follow the board (board.svelte.ts); writes go
 * through the directory's validated commands, one transaction per save.
 */
import { canEditTeam, canViewTeam } from '../domain/directory/team-access';
import type { Office, Technician } from '../domain/directory/directory';
import { technicianFormValues, type OfficeInput, type TechnicianInput, type TechnicianLink } from '../domain/directory/team-forms';
import type { CreateResult } from '../sync/directory';
import { board } from './board.svelte';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

/** A user account a technician may sign in as, as the technician form lists it. */
export interface AccountOption {
  id: string;
  label: string;
}

const ADMINS_ONLY = 'Only admins change offices and technicians.';

class TeamState {
  /** Offices by code. */
  readonly offices: Office[] = $derived(board.offices);
  /** Every technician, active first, then by name. */
  readonly technicians: Technician[] = $derived([...board.technicians].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)));
  /** Technicians not yet linked to a user account (offered when adding a technician user). */
  readonly unlinked: Technician[] = $derived(this.technicians.filter((t) => t.userId === null));

  get ready(): boolean {
    return board.ready;
  }

  get canView(): boolean {
    const role = session.claims?.role;
    return role !== undefined && canViewTeam(role);
  }

  /** Admins on a writable board (a read-only board cannot take the edit anyway). */
  get canEdit(): boolean {
    const role = session.claims?.role;
    return role !== undefined && canEditTeam(role) && workspace.canWriteBoard;
  }

  officeName(id: string | null): string {
    return (id && board.officeById.get(id)?.name) || 'No office';
  }

  saveOffice(input: OfficeInput, id?: string): CreateResult<Office> {
    const directory = this.#directory();
    return directory ? directory.saveOffice(input, id) : { ok: false, errors: { _form: ADMINS_ONLY } };
  }

  saveTechnician(input: TechnicianInput, id?: string): CreateResult<Technician> {
    const directory = this.#directory();
    return directory ? directory.saveTechnician(input, id) : { ok: false, errors: { _form: ADMINS_ONLY } };
  }

  /**
   * After a user with the technician role was added: creates their technician record (named
   * after them) or links the chosen existing one. Returns null when done, else what went wrong.
   */
  applyLink(link: TechnicianLink, user: { id: string; name: string }): string | null {
    if (link.kind === 'none') return null;
    const directory = this.#directory();
    if (!directory) return ADMINS_ONLY;
    const result =
      link.kind === 'link'
        ? directory.linkTechnician(link.technicianId, user.id)
        : directory.saveTechnician({ ...technicianFormValues(), name: user.name, officeId: link.officeId, userId: user.id });
    return result.ok ? null : Object.values(result.errors).join(' ');
  }

  #directory() {
    return this.canEdit ? (workspace.board?.directory ?? null) : null;
  }
}

export const team = new TeamState();
