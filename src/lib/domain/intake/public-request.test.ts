import { describe, expect, it } from 'vitest';
import { publicRequestToJobInput, validatePublicRequest } from './public-request';
import { newJobInputSchema } from '../jobs/job';

const valid = { name: 'Maria Chen', phone: '(415) 555-0123', email: '', address: '1200 Valencia St, San Francisco', problem: 'Water heater leaking from the bottom', preferredTime: 'morning' };

describe('publicRequestSchema', () => {
  it('accepts a complete request and trims it', () => {
    const result = validatePublicRequest({ ...valid, name: '  Maria Chen ' });
    expect(result.ok && result.value.name).toBe('Maria Chen');
  });

  it('explains every bad field at once', () => {
    const result = validatePublicRequest({ name: '', phone: '12', email: 'not-an-email', address: '', problem: 'leak', preferredTime: 'midnight' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields).sort()).toEqual(['address', 'email', 'name', 'phone', 'preferredTime', 'problem']);
    expect(result.fields.phone).toMatch(/phone number/i);
  });

  it('refuses control characters and bidi overrides in the name and text that is not a phone number', () => {
    const result = validatePublicRequest({ ...valid, name: 'Maria\u0000 Chen', address: '\u202e1200 Valencia St', phone: 'call after 5pm please' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields.name).toMatch(/control character/);
    expect(result.fields.address).toMatch(/control character/);
    expect(result.fields.phone).toMatch(/^Phone number may hold digits/);
  });

  it('keeps line breaks in the problem description and collapses spaces in the name', () => {
    const result = validatePublicRequest({ ...valid, name: ' Maria   Chen ', problem: 'Leak under the sink.\nStarted yesterday.' });
    expect(result.ok && result.value.name).toBe('Maria Chen');
    expect(result.ok && result.value.problem).toBe('Leak under the sink.\nStarted yesterday.');
  });

  it('refuses a filled honeypot', () => {
    expect(validatePublicRequest({ ...valid, website: 'http://spam.example' }).ok).toBe(false);
  });

  it('becomes valid new-job input for the board', () => {
    const result = validatePublicRequest(valid);
    if (!result.ok) throw new Error('valid');
    const input = newJobInputSchema.parse(publicRequestToJobInput(result.value));
    expect(input).toMatchObject({ customerName: 'Maria Chen', channel: 'web', type: 'repair' });
    expect(input.problem).toContain('Morning');
  });
});
