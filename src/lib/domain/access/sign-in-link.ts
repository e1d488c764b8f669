/**
 * Sign-in links (`<base>/#token=<token>`): where they point. The token rides in the fragment,
 * which browsers never send to servers or write to their logs. Pure: used by the operator CLI
 * (`npm run token -- --link`) and the first-run messages.
 */

/** The port the server listens on when PORT is not set (server/config.ts). */
export const DEFAULT_PORT = 8787;

export interface LinkBaseInput {
  /** `--base-url`, when given: wins over the environment. */
  baseUrl?: string | undefined;
  /** The server's environment: PUBLIC_URL (how people reach it), else PORT on localhost. */
  env: { PUBLIC_URL?: string | undefined; PORT?: string | undefined };
}

export type LinkBase = { ok: true; url: string } | { ok: false; error: string };

/**
 * The base URL sign-in links start with: `--base-url`, else `PUBLIC_URL`, else
 * `http://localhost:<PORT>` (8787 when PORT is unset). Trailing slashes are dropped.
 */
export function linkBaseUrl({ baseUrl, env }: LinkBaseInput): LinkBase {
  const explicit = baseUrl ?? (env.PUBLIC_URL?.trim() || undefined);
  if (explicit !== undefined) {
    const url = explicit.replace(/\/+$/, '');
    const source = baseUrl !== undefined ? '--base-url' : 'PUBLIC_URL';
    if (!/^https?:\/\/[^\s/]+/.test(url) || !URL.canParse(url)) return { ok: false, error: `${source} must be an http(s) URL, e.g. https://board.example.com` };
    return { ok: true, url };
  }
  const raw = env.PORT?.trim();
  if (!raw) return { ok: true, url: `http://localhost:${DEFAULT_PORT}` };
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    return { ok: false, error: `PORT=${raw} does not name a port a link can use; set PUBLIC_URL or pass --base-url` };
  }
  return { ok: true, url: `http://localhost:${port}` };
}

/** `<base>/#token=<token>`: opening it signs the device in (the app strips the fragment at once). */
export function signInLink(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/#token=${token}`;
}
