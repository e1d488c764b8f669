/**
 * Password hashing with scrypt from node:crypto (memory-hard; no hand-rolled crypto).
 *
 * Parameters: N = 2^17, r = 8, p = 1 (OWASP's minimum for scrypt: 128 MiB and ~0.5 s per
 * hash on a 2-core server), a 16-byte random salt per hash and a 32-byte key. `logN` is
 * configurable (PASSWORD_SCRYPT_LOG_N) because tests and tiny devices want it lower. The
 * stored string records its own parameters — `scrypt$<logN>$<r>$<p>$<salt>$<key>` (base64url)
 * — so raising them later keeps old hashes verifiable. Comparison is constant-time.
 *
 * At most two hashes run at once: each holds 128 MiB, and a burst of logins must not take
 * all of libuv's threadpool (which SQLite backups and file reads share) or all memory.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const DEFAULT_SCRYPT_LOG_N = 17;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_CONCURRENT = 2;

let running = 0;
const waiting: Array<() => void> = [];

async function derive(password: string, salt: Buffer, logN: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const N = 2 ** logN;
    // maxmem must exceed 128 * N * r (Node's default of 32 MiB would refuse N = 2^17).
    const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
    return await new Promise<Buffer>((resolve, reject) => {
      scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export async function hashPassword(password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, logN, R, P, KEY_BYTES);
  return ['scrypt', logN, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([\w-]+)\$([\w-]+)$/;

/** True when `password` matches `stored`. A malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const [, logN, r, p, saltText, keyText] = match as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(keyText, 'base64url');
  if (Number(logN) < 10 || Number(logN) > 22 || expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(saltText, 'base64url'), Number(logN), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, verified against when the login's user does not exist, so an
 * unknown email costs the same time as a wrong password (no user enumeration by timing).
 */
export function decoyHash(logN: number): Promise<string> {
  decoys.set(logN, decoys.get(logN) ?? hashPassword(randomBytes(18).toString('base64url'), logN));
  return decoys.get(logN) as Promise<string>;
}
const decoys = new Map<number, Promise<string>>();
