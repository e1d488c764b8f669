/**
 * Invented people for the demo: the public data has no names, so technicians, homeowners and
 * contacts get names drawn from short lists. Phone numbers use the 555-01xx range reserved for
 * fiction and e-mail addresses use example.com (RFC 2606), so nothing reaches a real person.
 */
import type { Contact } from '../domain/directory/directory';
import type { Random } from './prng';

const FIRST = [
  'Maria', 'James', 'Wei', 'Aisha', 'Carlos', 'Priya', 'Daniel', 'Mei', 'Luis', 'Grace',
  'Omar', 'Hannah', 'Tuan', 'Sofia', 'Marcus', 'Elena', 'Kenji', 'Fatima', 'Diego', 'Ruth',
  'Andre', 'Lena', 'Samuel', 'Nadia', 'Victor', 'Joy', 'Rafael', 'Anita', 'Tomas', 'Keiko',
  'Isaac', 'Rosa', 'Ming', 'Jasmine', 'Patrick', 'Leila', 'Hector', 'Ines', 'Malik', 'Chloe'
] as const;

const LAST = [
  'Garcia', 'Chen', 'Nguyen', 'Okafor', 'Lopez', 'Patel', 'Kim', 'Wong', 'Rivera', 'Murphy',
  'Hassan', 'Silva', 'Tran', 'Romero', 'Lee', 'Kowalski', 'Tanaka', 'Ali', 'Flores', 'Cohen',
  'Baptiste', 'Fischer', 'Mendoza', 'Park', 'Castillo', 'Reyes', 'Huang', 'Doyle', 'Santos', 'Yamamoto',
  'Ortiz', 'Bailey', 'Lin', 'Ahmed', 'Moreno', 'Sullivan', 'Vargas', 'Cruz', 'Ibrahim', 'Walsh'
] as const;

/** Names for a team: no first or last name used twice (up to 40), so people are easy to tell apart. */
export function teamNames(random: Random, count: number): string[] {
  const first = random.shuffle(FIRST);
  const last = random.shuffle(LAST);
  return Array.from({ length: count }, (_, i) => `${first[i % first.length]} ${last[(i + Math.floor(i / last.length)) % last.length]}`);
}

/** Distinct, readable on light and dark cards; one per technician, reused after 25. */
export const TECH_COLOURS = [
  '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
  '#393b79', '#ad494a', '#637939', '#7b4173', '#e6550d', '#3182bd', '#31a354', '#756bb1', '#636363', '#843c39',
  '#5254a3', '#8ca252', '#bd9e39', '#a55194', '#6b6ecf'
] as const;

export function personName(random: Random): string {
  return `${random.pick(FIRST)} ${random.pick(LAST)}`;
}

export function phone(random: Random): string {
  return `(415) 555-01${String(random.int(0, 99)).padStart(2, '0')}`;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function contact(random: Random, name: string, domain = 'example.com'): Contact {
  return { name, phone: phone(random), email: `${slug(name).replace(/-/g, '.')}@${domain}` };
}
