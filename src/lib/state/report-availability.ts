/**
 * Who utilisation is measured over (domain/kpi/utilisation.ts `AvailabilityInput`): the active
 * technicians the filter keeps, each with their weekly hours in their office's zone, their time
 * off and the holidays (removed ones are already left out by the board state).
 */
import type { Office, Technician } from '../domain/directory/directory';
import type { AvailabilityInput } from '../domain/kpi/utilisation';
import type { KpiFilter } from '../domain/kpi/types';
import type { Holiday, TimeOff } from '../domain/scheduling/availability';

export function availabilityOf(technicians: readonly Technician[], offices: readonly Office[], timeOff: readonly TimeOff[], holidays: readonly Holiday[], orgTimeZone: string, filter: Omit<KpiFilter, 'range'>): AvailabilityInput[] {
  const zones = new Map(offices.map((o) => [o.id, o.timeZone]));
  const days = holidays.map((h) => ({ date: h.date, officeId: h.officeId }));
  return technicians
    .filter((t) => t.active && (!filter.technicianId || t.id === filter.technicianId) && (!filter.officeId || t.officeId === filter.officeId))
    .map((t) => ({
      technicianId: t.id,
      officeId: t.officeId,
      workingHours: t.workingHours,
      timeZone: (t.officeId && zones.get(t.officeId)) || orgTimeZone,
      timeOff: timeOff.filter((o) => o.technicianId === t.id).map((o) => o.window),
      holidays: days
    }));
}
