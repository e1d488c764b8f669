/**
 * Password hashing with scrypt from node:crypto (memory-hard; no hand-rolled crypto).
 *
 * Parameters: N = 2^17, r = 8, p = 1 (OWASP's minimum for scrypt: 128 MiB and ~0.5 s per
 * hash on a 2-core server), a 16-byte random salt per hash and a 32-byte key. `logN` is
 * configurable (PASSWORD_SCRYPT_LOG_N) because tests and tiny devices want it lower. The
 * stored string records its own parameters — `scrypt$<logN>$<r>$<p>$<salt>$<key>` (base64url)
 * — so raising them later keeps old hashes verifiable. Comparison is constant-time.
 *
 * Hashing goes through a bounded queue (`HashQueue`): at most two hashes run at once (each
 * holds 128 MiB, and a burst must not take all of libuv's threadpool, which SQLite backups
 * and file reads share), and only a few more may wait. A caller past that gets `HashQueueFull`
 * at once (the API answers 429), so a flood cannot make a real sign-in wait behind it.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const DEFAULT_SCRYPT_LOG_N = 17;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** The queue is full: the caller should be told to retry (429 + Retry-After). */
export class HashQueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('password hashing is saturated');
    this.name = 'HashQueueFull';
  }
}

/** Bounded concurrency + bounded wait list for scrypt, with a running estimate of its cost. */
export class HashQueue {
  #running = 0;
  readonly #waiting: Array<() => void> = [];
  /** Exponentially weighted mean of recent hash durations (ms); null before the first. */
  #meanMs: number | null = null;

  constructor(
    readonly concurrency = 2,
    /** Configurable at start (LOGIN_HASH_QUEUE). */
    public maxWaiting = 8
  ) {}

  /** Mean duration of one hash so far (ms), or null if none has run yet. */
  get meanHashMs(): number | null {
    return this.#meanMs;
  }

  /** How long a hash asked for now would take to finish: the wait ahead of it plus its own run. */
  expectedMs(): number | null {
    if (this.#meanMs === null) return null;
    // Rounds of `concurrency` hashes that finish before this one is done, its own included.
    const rounds = Math.floor((this.#running + this.#waiting.length) / this.concurrency) + 1;
    return this.#meanMs * rounds;
  }

  /** Whether a new job would be refused right now. */
  get saturated(): boolean {
    return this.#running >= this.concurrency && this.#waiting.length >= this.maxWaiting;
  }

  /** Seconds a refused caller should wait before retrying (at least 1). */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.expectedMs() ?? 1000) / 1000));
  }

  /** Runs `job` when a slot is free; throws HashQueueFull at once if the wait list is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.saturated) throw new HashQueueFull(this.retryAfterSeconds());
    if (this.#running >= this.concurrency) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    const started = performance.now();
    try {
      return await job();
    } finally {
      const ms = performance.now() - started;
      this.#meanMs = this.#meanMs === null ? ms : this.#meanMs * 0.8 + ms * 0.2;
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

/** The process's hashing queue (all hashes share one CPU and memory budget). */
export const hashQueue = new HashQueue();

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return hashQueue.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        const N = 2 ** logN;
        // maxmem must exceed 128 * N * r (Node's default of 32 MiB would refuse N = 2^17).
        const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
        scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
      })
  );
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
 * What a login for an unknown email does instead of hashing: it answers after as long as a
 * real verification would take now (queue wait + one hash, from the running mean), so from
 * outside it costs the same, but it holds no hashing slot, so a flood of made-up emails
 * cannot starve real sign-ins. It is refused exactly when a real one would be (queue full).
 * Before any hash has run there is no estimate: then it verifies a decoy hash for real.
 */
export async function imitateVerification(logN: number): Promise<void> {
  if (hashQueue.saturated) throw new HashQueueFull(hashQueue.retryAfterSeconds());
  const expected = hashQueue.expectedMs();
  if (expected === null) {
    await verifyPassword(randomBytes(18).toString('base64url'), await decoyHash(logN));
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, expected));
}

/** A hash of a random password, used to calibrate `imitateVerification` before any real hash. */
export function decoyHash(logN: number): Promise<string> {
  let decoy = decoys.get(logN);
  if (!decoy) {
    decoy = hashPassword(randomBytes(18).toString('base64url'), logN);
    // A refused or failed calibration must not be remembered: the next caller tries again.
    decoy.catch(() => decoys.delete(logN));
    decoys.set(logN, decoy);
  }
  return decoy;
}
const decoys = new Map<number, Promise<string>>();
