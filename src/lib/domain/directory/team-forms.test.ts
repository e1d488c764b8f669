import { describe, expect, it } from 'vitest';
import { isTimeZone, linkOf, officeInputSchema, teamFieldErrors, technicianFields, technicianFormValues, technicianInputSchema } from './team-forms';
import { technicianSchema } from './directory';

function form(overrides: Partial<ReturnType<typeof technicianFormValues>> = {}) {
  return { ...technicianFormValues(), name: 'Ben Okafor', ...overrides };
}

describe('office input', () => {
  it('trims the fields and accepts a real time zone', () => {
    const parsed = officeInputSchema.parse({ name: ' North Beach ', code: 'SF-N', address: '1 Columbus Ave', timeZone: 'America/Los_Angeles' });
    expect(parsed).toEqual({ name: 'North Beach', code: 'SF-N', address: '1 Columbus Ave', timeZone: 'America/Los_Angeles' });
  });

  it('names every field that is missing or wrong', () => {
    const result = officeInputSchema.safeParse({ name: '  ', code: 'TOO-LONG-A-CODE', timeZone: 'Mars/Olympus' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(teamFieldErrors(result.error)).toEqual({
      name: 'Name is required',
      code: 'Code is at most 12 characters',
      timeZone: 'Choose a time zone such as America/Los_Angeles'
    });
  });

  it('knows real zones from made-up ones', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('Nowhere/Special')).toBe(false);
  });
});

describe('technician input', () => {
  it('turns the typed form into the stored record', () => {
    const values = form({ skills: 'HVAC, gas,  hvac ,', homeBase: 'Oakland yard', color: '#AA3366' });
    values.workingHours.sat = { on: true, start: '09:00', end: '13:00' };
    values.workingHours.fri = { on: false, start: '08:00', end: '17:00' };
    const fields = technicianFields(technicianInputSchema.parse(values));
    expect(fields).toEqual({
      name: 'Ben Okafor',
      officeId: null,
      skills: ['hvac', 'gas'],
      homeBase: { label: 'Oakland yard', location: null },
      workingHours: { mon: ['08:00', '17:00'], tue: ['08:00', '17:00'], wed: ['08:00', '17:00'], thu: ['08:00', '17:00'], sat: ['09:00', '13:00'] },
      color: '#aa3366',
      active: true,
      userId: null
    });
    // What the form produces is what the doc accepts.
    expect(technicianSchema.safeParse({ ...fields, id: 't1' }).success).toBe(true);
  });

  it('reports a day that ends before it starts, and a missing time, under that day', () => {
    const values = form({ name: '' });
    values.workingHours.tue = { on: true, start: '17:00', end: '08:00' };
    values.workingHours.sun = { on: true, start: '', end: '12:00' };
    const result = technicianInputSchema.safeParse(values);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(teamFieldErrors(result.error)).toEqual({
      name: 'Name is required',
      'workingHours.tue': 'Tuesday: the day must end after it starts',
      'workingHours.sun': 'Sunday: enter start and end as HH:MM'
    });
  });

  it('ignores the times of a day off', () => {
    const values = form();
    values.workingHours.wed = { on: false, start: '99:99', end: '' };
    expect(technicianInputSchema.safeParse(values).success).toBe(true);
  });

  it('keeps the home base map point while its label is unchanged', () => {
    const previous = technicianSchema.parse({ id: 't1', name: 'Ben', homeBase: { label: 'Yard', location: { lat: 37.8, lng: -122.3 } } });
    const same = technicianFields(technicianInputSchema.parse({ ...technicianFormValues(previous) }), previous);
    expect(same.homeBase).toEqual({ label: 'Yard', location: { lat: 37.8, lng: -122.3 } });
    const moved = technicianFields(technicianInputSchema.parse({ ...technicianFormValues(previous), homeBase: 'Depot' }), previous);
    expect(moved.homeBase).toEqual({ label: 'Depot', location: null });
  });

  it('round-trips a stored technician through the form values', () => {
    const stored = technicianSchema.parse({ id: 't1', name: 'Ana', skills: ['plumbing'], workingHours: { mon: ['07:30', '15:30'] }, color: '#123456', active: false, userId: 'u-ana' });
    const back = technicianFields(technicianInputSchema.parse(technicianFormValues(stored)), stored);
    expect({ ...back, id: 't1' }).toEqual(stored);
  });
});

describe('technician record choice when adding a user', () => {
  it('creates in the chosen office, links the chosen technician, or does nothing', () => {
    expect(linkOf({ kind: 'create', officeId: 'o1', technicianId: 't9' })).toEqual({ kind: 'create', officeId: 'o1' });
    expect(linkOf({ kind: 'link', officeId: 'o1', technicianId: 't9' })).toEqual({ kind: 'link', technicianId: 't9' });
    expect(linkOf({ kind: 'none', officeId: null, technicianId: 't9' })).toEqual({ kind: 'none' });
  });

  it('treats "link" with no technician picked as no link rather than a broken one', () => {
    expect(linkOf({ kind: 'link', officeId: null, technicianId: '' })).toEqual({ kind: 'none' });
  });
});
