import { describe, expect, it } from 'vitest';
import { fromZonedInput, minutesLabel, navigateLinks, phoneLinks, toZonedInput, visitPath } from './links';

describe('visit links', () => {
  it('navigates by pin when the site has one, else by address, and encodes the address', () => {
    expect(navigateLinks('1 Market St, San Francisco', { lat: 37.79, lng: -122.39 })).toEqual({
      geo: 'geo:37.79,-122.39?q=37.79,-122.39(1%20Market%20St%2C%20San%20Francisco)',
      maps: 'https://www.google.com/maps/dir/?api=1&destination=37.79%2C-122.39'
    });
    expect(navigateLinks('5 Main & 2nd', null)?.maps).toBe('https://www.google.com/maps/dir/?api=1&destination=5%20Main%20%26%202nd');
    expect(navigateLinks('  ', null)).toBeNull();
  });
  it('makes call and text links from a typed number, dropping extensions and punctuation', () => {
    expect(phoneLinks('+1 (415) 555-0100 ext 12')).toEqual({ tel: 'tel:+14155550100', sms: 'sms:+14155550100' });
    expect(phoneLinks('12')).toBeNull();
  });
  it('formats durations and visit paths', () => {
    expect(minutesLabel(65)).toBe('1 h 05 min');
    expect(minutesLabel(25)).toBe('25 min');
    expect(visitPath('v1:abc')).toBe('/technician/visits/v1%3Aabc');
  });
});

describe('zoned inputs', () => {
  it('shows and reads edit times in the organisation\u2019s zone, not the phone\u2019s', () => {
    expect(toZonedInput('2026-06-11T06:05:30.000Z', 'America/Los_Angeles')).toBe('2026-06-10T23:05');
    expect(fromZonedInput('2026-06-10T23:05', 'America/Los_Angeles')).toBe('2026-06-11T06:05:00.000Z');
    expect(fromZonedInput('2026-01-10T08:00', 'America/Los_Angeles')).toBe('2026-01-10T16:00:00.000Z');
    expect(fromZonedInput('', 'America/Los_Angeles')).toBeNull();
    expect(toZonedInput(null, 'UTC')).toBe('');
  });
});
