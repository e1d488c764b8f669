/**
 * Human-readable identifiers that stay unique when offices create them offline at the same
 * moment (DESIGN §3): each device owns a series `<PREFIX>-<DEVICE>-<NNNN>`; no shared counter.
 */
const DEVICE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: read aloud on the phone

/** A 4-character device code from random bytes (the caller supplies the randomness). */
export function deviceCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 4) throw new Error('deviceCodeFromBytes needs at least 4 bytes');
  let code = '';
  for (let i = 0; i < 4; i++) code += DEVICE_ALPHABET[bytes[i]! % DEVICE_ALPHABET.length];
  return code;
}

export function formatSeriesNumber(prefix: string, deviceCode: string, n: number): string {
  return `${prefix}-${deviceCode}-${String(n).padStart(4, '0')}`;
}

export const SERIES_NUMBER = /^([A-Z]+)-([2-9A-Z]{4})-(\d{4,})$/;

/** The next number in this device's series, given every number already used anywhere. */
export function nextSeriesNumber(prefix: string, deviceCode: string, existing: Iterable<string>): string {
  let max = 0;
  for (const value of existing) {
    const m = SERIES_NUMBER.exec(value);
    if (m && m[1] === prefix && m[2] === deviceCode) max = Math.max(max, Number(m[3]));
  }
  return formatSeriesNumber(prefix, deviceCode, max + 1);
}
