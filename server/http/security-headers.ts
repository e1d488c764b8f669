/**
 * Security headers on every HTTP answer. The CSP allows only our own scripts plus the
 * inline scripts of the built app shell, by hash: adapter-static's index.html carries
 * SvelteKit's inline bootstrap and the theme script from app.html, so `'self'` alone would
 * block the app. The hashes are computed from STATIC_DIR/index.html when it changes (a
 * rebuild while the relay runs is picked up), so no `'unsafe-inline'` is needed for scripts.
 *
 * MapLibre needs `worker-src 'self' blob:` and `img-src … blob: data:`; technicians take
 * photos and share their position, so camera and geolocation stay allowed for this origin.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const RECHECK_MS = 2000;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()'
};

/** Hashes of every inline `<script>` in an HTML page, as CSP sources. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    hashes.add(`'sha256-${createHash('sha256').update(match[1] ?? '', 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    // Svelte and MapLibre set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "manifest-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ');
}

export class SecurityHeaders {
  readonly #index: string;
  #checkedAt = -Infinity;
  #stamp = '';
  #csp = contentSecurityPolicy([]);

  constructor(staticDir: string) {
    this.#index = path.join(staticDir, 'index.html');
  }

  /** The headers for a response (the CSP reflects the current index.html). */
  headers(now = Date.now()): Record<string, string> {
    if (now - this.#checkedAt > RECHECK_MS) {
      this.#checkedAt = now;
      this.#refresh();
    }
    return { ...BASE_HEADERS, 'Content-Security-Policy': this.#csp };
  }

  #refresh(): void {
    let stamp = '';
    try {
      const stat = fs.statSync(this.#index);
      stamp = `${stat.size}:${stat.mtimeMs}`;
      if (stamp === this.#stamp) return;
      this.#csp = contentSecurityPolicy(inlineScriptHashes(fs.readFileSync(this.#index, 'utf8')));
    } catch {
      this.#csp = contentSecurityPolicy([]); // no build: nothing inline to allow
    }
    this.#stamp = stamp;
  }
}
