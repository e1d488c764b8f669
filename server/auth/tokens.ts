/**
 * Access tokens: HS256 JWTs signed with the relay's secret (DESIGN §4). jose does all the
 * cryptography; this file only decides where the secret lives and how failures are named.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errors, jwtVerify, SignJWT } from 'jose';
import {
  DEFAULT_TOKEN_TTL_SECONDS,
  tokenClaimsSchema,
  type TokenClaims
} from '../../src/lib/domain/access/token-claims';
import type { Role } from '../../src/lib/domain/access/roles';

export const SECRET_FILE = 'secret.key';
/** HS256 wants a key at least as long as its output (RFC 7518 §3.2). */
const MIN_SECRET_BYTES = 32;
/** Anything longer than this is not one of our tokens; refuse before parsing. */
const MAX_TOKEN_CHARS = 4096;

export interface LoadedSecret {
  key: Uint8Array;
  source: 'env' | 'file' | 'generated';
  /** Set when the secret file is readable by other users (logged as a warning). */
  loosePermissions?: boolean;
}

/**
 * The signing secret: FIELDBOARD_SECRET when set, else DATA_DIR/secret.key, created once
 * (32 random bytes, base64url text, mode 0600). The key bytes are always the UTF-8 bytes of
 * the secret text, so an operator can copy the file's content into FIELDBOARD_SECRET and get
 * the same key. Creation is race-free: the file is linked into place, so the relay and
 * `npm run token` started together agree on one secret.
 */
export function loadSecret(dataDir: string, fromEnv: string | undefined = process.env.FIELDBOARD_SECRET): LoadedSecret {
  if (fromEnv !== undefined && fromEnv !== '') {
    return { key: checkedKey(fromEnv, 'FIELDBOARD_SECRET'), source: 'env' };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRET_FILE);
  let source: LoadedSecret['source'] = 'file';
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file); // atomic; EEXIST means another process won the race
      source = 'generated';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  const loosePermissions = process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0;
  return { key: checkedKey(text, file), source, ...(loosePermissions ? { loosePermissions } : {}) };
}

function checkedKey(text: string, where: string): Uint8Array {
  const key = new TextEncoder().encode(text);
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new Error(`${where}: the secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return key;
}

export interface TokenRequest {
  org: string;
  role: Role;
  /** User id; defaults to `operator` (tokens made by hand). */
  sub?: string;
  name?: string;
  ttlSeconds?: number;
}

/** Builds validated claims; `now` is in seconds (injectable for expired-token tests). */
export function buildClaims(request: TokenRequest, now = Math.floor(Date.now() / 1000)): TokenClaims {
  const ttl = request.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  return tokenClaimsSchema.parse({
    sub: request.sub ?? 'operator',
    org: request.org,
    role: request.role,
    ...(request.name !== undefined ? { name: request.name } : {}),
    iat: now,
    exp: now + ttl
  });
}

/** Signs already-built claims. They are validated again so we never issue a token we would refuse. */
export async function signToken(claims: TokenClaims, secret: Uint8Array): Promise<string> {
  const payload = tokenClaimsSchema.parse(claims);
  return new SignJWT({ ...payload }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
}

export type TokenFailureReason = 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'invalid-claims';

export type TokenVerification =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: TokenFailureReason; detail: string };

/** Verifies signature (HS256 only), expiry and claim shape. Never throws. */
export async function verifyToken(token: string | null | undefined, secret: Uint8Array): Promise<TokenVerification> {
  if (token === null || token === undefined || token === '') {
    return { ok: false, reason: 'missing', detail: 'no token' };
  }
  if (token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'malformed', detail: 'token too long' };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
  } catch (error) {
    return { ok: false, reason: failureReason(error), detail: error instanceof Error ? error.message : String(error) };
  }
  const claims = tokenClaimsSchema.safeParse(payload);
  if (!claims.success) {
    return { ok: false, reason: 'invalid-claims', detail: claims.error.issues.map((i) => i.path.join('.')).join(',') };
  }
  return { ok: true, claims: claims.data };
}

function failureReason(error: unknown): TokenFailureReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  // A token for another algorithm (e.g. `none` or RS256) was not signed with our key.
  if (error instanceof errors.JOSEAlgNotAllowed) return 'bad-signature';
  if (error instanceof errors.JWTClaimValidationFailed) return 'invalid-claims';
  return 'malformed';
}
