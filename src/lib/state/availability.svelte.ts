/**
 * Settings › Availability: technicians' time off, holidays and each office's emergency reserve.
 * Reads follow the board; writes go through the board's availability commands (admins only),
 * one transaction per save. Days are the organisation's (its time zone), never the browser's.
 */
import { canEditTeam, canViewTeam } from '../domain/directory/team-access';
import { timeOffWindow, type TimeOffFormValues } from '../domain/scheduling/availability';
import { board } from './board.svelte';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

type Errors = Record<string, string>;

const ADMINS_ONLY = 'Only admins change time off, holidays and reserves.';

class AvailabilityState {
  get ready(): boolean {
    return board.ready;
  }

  get canView(): boolean {
    const role = session.claims?.role;
    return role !== undefined && canViewTeam(role);
  }

  get canEdit(): boolean {
    const role = session.claims?.role;
    return role !== undefined && canEditTeam(role) && workspace.canWriteBoard;
  }

  /**
   * Time off for whole days `from`…`to` (inclusive), or from `fromTime` on the first day until
   * `toTime` on the last, in the organisation's zone. Null when saved.
   */
  addTimeOff(values: TimeOffFormValues & { technicianId: string; reason: string }): Errors | null {
    const target = this.#target();
    if (!target) return { _form: ADMINS_ONLY };
    const window = timeOffWindow(values, board.timeZone);
    if (!window.ok) return window.errors;
    const result = target.board.availability.addTimeOff({ technicianId: values.technicianId, ...window.window, reason: values.reason }, target.actor);
    return result.ok ? null : result.errors;
  }

  removeTimeOff(id: string): void {
    this.#target()?.board.availability.removeTimeOff(id);
  }

  addHoliday(values: { date: string; name: string; officeId: string | null }): Errors | null {
    const target = this.#target();
    if (!target) return { _form: ADMINS_ONLY };
    const result = target.board.availability.addHoliday(values, target.actor);
    return result.ok ? null : result.errors;
  }

  removeHoliday(id: string): void {
    this.#target()?.board.availability.removeHoliday(id);
  }

  setReserve(officeId: string, percent: string): string | null {
    const target = this.#target();
    if (!target) return ADMINS_ONLY;
    const result = target.board.availability.setEmergencyReserve(officeId, percent);
    return result.ok ? null : Object.values(result.errors).join(' ');
  }

  #target() {
    const actor = workspace.actor;
    return this.canEdit && workspace.board && actor ? { board: workspace.board, actor } : null;
  }
}

export const availability = new AvailabilityState();
