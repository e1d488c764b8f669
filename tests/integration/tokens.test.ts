/** Token signing and verification, the secret file, and `npm run token`. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { buildClaims, loadSecret, signToken, verifyToken } from '../../server/auth/tokens';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-tokens-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('tokens', () => {
  const secret = new TextEncoder().encode('s'.repeat(43));

  it('verifies a token it signed and returns its claims', async () => {
    const claims = buildClaims({ org: 'acme', role: 'technician', sub: 'tess', name: 'Tess' });
    const result = await verifyToken(await signToken(claims, secret), secret);
    expect(result).toEqual({ ok: true, claims });
  });

  it('names each failure: missing, malformed, bad-signature, expired, invalid-claims', async () => {
    const reason = async (token: string | null) => {
      const r = await verifyToken(token, secret);
      return r.ok ? 'ok' : r.reason;
    };
    expect(await reason(null)).toBe('missing');
    expect(await reason('')).toBe('missing');
    expect(await reason('abc.def')).toBe('malformed');
    expect(await reason('x'.repeat(5000))).toBe('malformed');
    const other = new TextEncoder().encode('o'.repeat(43));
    expect(await reason(await signToken(buildClaims({ org: 'acme', role: 'admin' }), other))).toBe('bad-signature');
    const unsigned = new UnsecuredJWT({ ...buildClaims({ org: 'acme', role: 'admin' }) }).encode();
    expect(await reason(unsigned)).toBe('bad-signature');
    const old = buildClaims({ org: 'acme', role: 'admin', ttlSeconds: 60 }, Math.floor(Date.now() / 1000) - 3600);
    expect(await reason(await signToken(old, secret))).toBe('expired');
    const wrongRole = await new SignJWT({ sub: 'x', org: 'acme', role: 'owner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    expect(await reason(wrongRole)).toBe('invalid-claims');
  });

  it('creates the secret file once with mode 0600 and reuses it', () => {
    const dir = tempDir();
    const first = loadSecret(dir, undefined);
    expect(first.source).toBe('generated');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second = loadSecret(dir, undefined);
    expect(second.source).toBe('file');
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    expect(loadSecret(dir, 'e'.repeat(40)).source).toBe('env');
    expect(() => loadSecret(dir, 'short')).toThrow(/at least 32 bytes/);
  });
});

describe('npm run token', () => {
  const cli = (args: string[], dataDir: string, env: Record<string, string> = {}) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli/token.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, PORT: '', PUBLIC_URL: '', ...env, DATA_DIR: dataDir, FIELDBOARD_SECRET: '' }
    });

  it('prints a token signed with the data dir’s secret', async () => {
    const dir = tempDir();
    const { stdout } = await cli(['--org', 'acme', '--role', 'dispatcher', '--user', 'dan', '--name', 'Dan', '--ttl', '600'], dir);
    const result = await verifyToken(stdout.trim(), loadSecret(dir, undefined).key);
    expect(result.ok && result.claims).toMatchObject({ org: 'acme', role: 'dispatcher', sub: 'dan', name: 'Dan' });
    expect(result.ok && result.claims.exp - result.claims.iat).toBe(600);
  });

  it('prints a sign-in link with --link and --base-url', async () => {
    const dir = tempDir();
    const { stdout } = await cli(['--org', 'acme', '--role', 'wallboard', '--link', '--base-url', 'https://board.example.com/'], dir);
    expect(stdout.trim()).toMatch(/^https:\/\/board\.example\.com\/#token=[\w-]+\.[\w-]+\.[\w-]+$/);
    const { stdout: local } = await cli(['--org', 'acme', '--role', 'wallboard', '--link'], dir);
    expect(local.startsWith('http://localhost:8787/#token=')).toBe(true);
  });

  it('points links at the server\u2019s PORT or PUBLIC_URL, not always localhost:8787', async () => {
    const dir = tempDir();
    const { stdout: onPort } = await cli(['--org', 'acme', '--role', 'wallboard', '--link'], dir, { PORT: '9123' });
    expect(onPort.startsWith('http://localhost:9123/#token=')).toBe(true);
    const { stdout: published } = await cli(['--org', 'acme', '--role', 'wallboard', '--link'], dir, { PORT: '9123', PUBLIC_URL: 'https://fb.example.com' });
    expect(published.startsWith('https://fb.example.com/#token=')).toBe(true);
    // A bare token needs no URL at all.
    const { stdout: bare } = await cli(['--org', 'acme', '--role', 'wallboard'], dir, { PORT: '0' });
    expect(bare.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('exits 2 with a clear message on bad arguments', async () => {
    const dir = tempDir();
    for (const [args, message] of [
      [['--role', 'admin'], '--org is required'],
      [['--org', 'acme', '--role', 'owner'], '--role is required: one of admin'],
      [['--org', 'Acme!', '--role', 'admin'], '--org is required'],
      [['--org', 'acme', '--role', 'admin', '--ttl', '0'], '--ttl must be a positive whole number'],
      [['--org', 'acme', '--role', 'admin', '--ttl', '1.5h'], '--ttl must be a positive whole number'],
      [['--org', 'acme', '--role', 'admin', '--bogus'], "Unknown option '--bogus'"],
      [['--org', 'acme', '--role', 'admin', '--link', '--base-url', 'ftp://x'], '--base-url must be an http(s) URL']
    ] as const) {
      const failure = await cli([...args], dir).then(
        () => null,
        (error: { code: number; stderr: string }) => error
      );
      expect(failure?.code, args.join(' ')).toBe(2);
      expect(failure?.stderr, args.join(' ')).toContain(message);
    }
  });
});
