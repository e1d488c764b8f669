/**
 * Finding customers while on the phone: type-ahead over name, phone and e-mail, and hints that
 * a "new" caller may already be a customer (same phone or e-mail, or a very similar name), so
 * the directory does not fill up with duplicates.
 */
import type { Customer } from '../directory/directory';

/** Digits only, without a leading US country code: "(415) 555-0102" → "4155550102". */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

const NAME_NOISE = new Set(['inc', 'llc', 'ltd', 'co', 'corp', 'the', 'and', 'company']);

/** Lower-case words of a name without punctuation or company-form noise. */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !NAME_NOISE.has(w));
}

/** Edit distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** True when two names most likely mean the same customer. */
export function similarNames(a: string, b: string): boolean {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (!ta.length || !tb.length) return false;
  const ja = ta.join(' ');
  const jb = tb.join(' ');
  if (ja === jb) return true;
  if (ja.length >= 5 && editDistance(ja, jb, 2) <= 2) return true;
  const sa = new Set(ta);
  const shared = tb.filter((w) => sa.has(w)).length;
  return shared / new Set([...ta, ...tb]).size >= 0.6;
}

/** Customers matching what the dispatcher typed (name words, 3+ phone digits, or e-mail), best first. */
export function searchCustomers(customers: readonly Customer[], query: string, limit = 8): Customer[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const words = nameTokens(q);
  const digits = normalizePhone(q);
  const scored: Array<{ customer: Customer; score: number }> = [];
  for (const customer of customers) {
    let score = 0;
    const name = customer.name.toLowerCase();
    if (name.startsWith(q)) score = 3;
    else if (words.length && words.every((w) => name.includes(w))) score = 2;
    for (const contact of customer.contacts) {
      if (digits.length >= 3 && normalizePhone(contact.phone).includes(digits)) score = Math.max(score, 2.5);
      if (q.includes('@') || q.length >= 3) if (contact.email.toLowerCase().includes(q)) score = Math.max(score, 2.5);
    }
    if (score > 0) scored.push({ customer, score });
  }
  scored.sort((a, b) => b.score - a.score || a.customer.name.localeCompare(b.customer.name));
  return scored.slice(0, limit).map((s) => s.customer);
}

export type DuplicateReason = 'same phone' | 'same e-mail' | 'similar name';

export interface DuplicateHint {
  customer: Customer;
  reasons: DuplicateReason[];
}

/** Existing customers a new one may duplicate; phone and e-mail matches first. */
export function duplicateHints(customers: readonly Customer[], candidate: { name: string; phone?: string; email?: string }, limit = 3): DuplicateHint[] {
  const phone = normalizePhone(candidate.phone ?? '');
  const email = (candidate.email ?? '').trim().toLowerCase();
  const out: DuplicateHint[] = [];
  for (const customer of customers) {
    const reasons: DuplicateReason[] = [];
    if (phone.length >= 7 && customer.contacts.some((c) => normalizePhone(c.phone) === phone)) reasons.push('same phone');
    if (email && customer.contacts.some((c) => c.email.trim().toLowerCase() === email)) reasons.push('same e-mail');
    if (candidate.name.trim().length >= 3 && similarNames(candidate.name, customer.name)) reasons.push('similar name');
    if (reasons.length) out.push({ customer, reasons });
  }
  const weight = (h: DuplicateHint) => (h.reasons.includes('same phone') || h.reasons.includes('same e-mail') ? 2 : 0) + h.reasons.length;
  return out.sort((a, b) => weight(b) - weight(a)).slice(0, limit);
}
