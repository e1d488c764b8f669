import { describe, expect, it } from 'vitest';
import { hasControlCharacter, multiLineText, phoneNumber, phoneProblem, singleLineText } from './text-fields';

const name = singleLineText('Name', { min: 1, max: 20 });

describe('singleLineText', () => {
  it('normalises to NFC, trims and collapses whitespace', () => {
    expect(name.parse('  Ana   Mari\u0301a \u00a0 ')).toBe('Ana Mar\u00eda');
    expect(name.parse(' José  López ')).toBe('José López');
  });

  it.each([
    ['NUL', 'Ada\u0000'],
    ['a tab', 'Ada\tLovelace'],
    ['a line break', 'Ada\nLovelace'],
    ['DEL', 'Ada\u007f'],
    ['a C1 control', 'Ada\u0085'],
    ['a right-to-left override', '\u202eadA'],
    ['a left-to-right embedding', '\u202aAda'],
    ['an isolate', 'Ada\u2066x\u2069']
  ])('refuses %s with a message naming the field', (_what, value) => {
    const parsed = name.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/^Name contains an invisible control character/);
  });

  it('keeps its length limits after normalising', () => {
    expect(name.safeParse('   ').error?.issues[0]?.message).toBe('Name is required');
    expect(name.safeParse('x'.repeat(21)).error?.issues[0]?.message).toBe('Name is at most 20 characters');
    expect(name.parse(`  ${'x'.repeat(20)}  `)).toHaveLength(20);
  });
});

describe('multiLineText', () => {
  const notes = multiLineText('Notes', { max: 100 });

  it('keeps line breaks and tabs but refuses other controls and bidi overrides', () => {
    expect(notes.parse(' line 1\r\n\tline 2 ')).toBe('line 1\n\tline 2');
    expect(notes.safeParse('fine\u0000').success).toBe(false);
    expect(notes.safeParse('fine\u202e').success).toBe(false);
  });
});

describe('phone numbers', () => {
  it.each(['+1 (415) 555-0100', '415.555.0100', '0044 20 7946 0958', '555-0100 ext. 12', '+49 30 1234567 x9', '4155550100#7'])(
    'accepts %s',
    (value) => expect(phoneProblem(value)).toBeNull()
  );

  it.each([
    ['letters', 'call me maybe', /digits, spaces/],
    ['too few digits', '555-01', /at least 7 digits/],
    ['too many digits', '+1 234 567 890 123 456', /more than 15 digits/],
    ['a slash', '415/555/0100', /digits, spaces/],
    ['an email', 'ada@example.com', /digits, spaces/]
  ])('refuses %s', (_what, value, message) => expect(phoneProblem(value)).toMatch(message));

  it('is optional when asked, and names the field in its message', () => {
    const optional = phoneNumber('Phone', { optional: true });
    expect(optional.parse('  ')).toBe('');
    expect(optional.safeParse('abc').error?.issues[0]?.message).toMatch(/^Phone may hold digits/);
    expect(phoneNumber('Phone').safeParse('').success).toBe(false);
    expect(phoneNumber('Phone').safeParse('555\u0000 0100 123').error?.issues[0]?.message).toMatch(/control character/);
  });
});

describe('hasControlCharacter', () => {
  it('allows line breaks only when asked', () => {
    expect(hasControlCharacter('a\nb')).toBe(true);
    expect(hasControlCharacter('a\nb', true)).toBe(false);
    expect(hasControlCharacter('plain text, ünïcode, 日本')).toBe(false);
  });
});
