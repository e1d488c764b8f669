/**
 * A UUID-shaped id derived from a name (SHA-256 of the name, version-4 layout), for records
 * that must get the same id wherever and however often they are made: an agreement's PM visit
 * for one period, the job a quote's acceptance creates (a retried acceptance finds it).
 */
import { digest } from 'lib0/hash/sha256';

export function namedUuid(name: string): string {
  const bytes = digest(new TextEncoder().encode(name));
  const hex = [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16]!, 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
