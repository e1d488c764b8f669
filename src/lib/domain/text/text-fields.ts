/**
 * Text fields at the trust boundaries (API bodies, the public form, intake and directory
 * inputs): one place that decides what a name, an address or a phone number may contain.
 *
 * - Refused: C0 controls (U+0000–U+001F, NUL included), DEL and C1 (U+007F–U+009F), and the
 *   bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can
 *   make "Ada" display as someone else or hide text in logs and invoices. Multi-line text
 *   keeps line breaks and tabs.
 * - Normalised: Unicode NFC (so "é" typed two ways is one name), trimmed, and in single-line
 *   text every run of whitespace collapsed to one space.
 *
 * Stored records are read with their own schemas (peers can be old): these are for input.
 */
import { z } from 'zod';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export const CONTROL_CHARACTER_MESSAGE = 'contains an invisible control character; retype it without pasting';

/** True when `value` holds a character refused in single-line text. */
export function hasControlCharacter(value: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? CONTROL_EXCEPT_LINES : CONTROL).test(value);
}

/** NFC, trimmed, whitespace runs collapsed to one space. */
export function normalizeSingleLine(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** NFC, trimmed, Windows/Mac line ends as `\n`. */
export function normalizeMultiLine(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

export interface TextOptions {
  /** Minimum length after normalising (0 = optional). */
  min?: number;
  max: number;
  /** Message when shorter than `min`. */
  tooShort?: string;
}

function textField(label: string, options: TextOptions, multiLine: boolean) {
  const { min = 0, max } = options;
  const tooShort = options.tooShort ?? `${label} is required`;
  return z
    .string({ error: `${label} is required` })
    .refine((value) => !hasControlCharacter(value, multiLine), `${label} ${CONTROL_CHARACTER_MESSAGE}`)
    .transform(multiLine ? normalizeMultiLine : normalizeSingleLine)
    .pipe(z.string().min(min, tooShort).max(max, `${label} is at most ${max} characters`));
}

/** A name, an address, a title: one line, normalised, no control characters. */
export function singleLineText(label: string, options: TextOptions) {
  return textField(label, options, false);
}

/** A description or note: line breaks and tabs allowed, other control characters refused. */
export function multiLineText(label: string, options: TextOptions) {
  return textField(label, options, true);
}

/** Digits a phone number may have (E.164 allows 15; 7 is the shortest local number we call back). */
export const PHONE_MIN_DIGITS = 7;
export const PHONE_MAX_DIGITS = 15;
const EXTENSION = /\s*(?:ext\.?|x|#)\s*\d{1,6}$/iu;
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/u;

/**
 * Checks a phone number loosely but as a phone number: digits, spaces, `+ ( ) - .`, an
 * optional extension (`ext. 12`, `x12`, `#12`), and 7–15 digits before the extension.
 * Returns null when it is fine, else the problem (for form messages).
 */
export function phoneProblem(value: string): string | null {
  const main = value.replace(EXTENSION, '');
  if (!PHONE_CHARACTERS.test(main)) return 'may hold digits, spaces and + ( ) - . only, with an optional extension like "ext. 12"';
  const digits = main.replace(/\D/g, '').length;
  if (digits < PHONE_MIN_DIGITS) return `needs at least ${PHONE_MIN_DIGITS} digits, with area code`;
  if (digits > PHONE_MAX_DIGITS) return `has more than ${PHONE_MAX_DIGITS} digits`;
  return null;
}

/** A phone number field (single-line rules, then `phoneProblem`). Empty allowed when `optional`. */
export function phoneNumber(label: string, { optional = false, max = 40 } = {}) {
  return singleLineText(label, { min: optional ? 0 : 1, max, tooShort: `${label} is required` }).superRefine((value, ctx) => {
    if (value === '' && optional) return;
    const problem = phoneProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
  });
}
