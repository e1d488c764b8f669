/**
 * Simulates a deployment on a copy of build/: the app shell (index.html) changes and the
 * service worker's precache manifest gets the new revision, exactly what a rebuild produces
 * for the shell. Lets the update test run without a second full build.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILD_DIR = fileURLToPath(new URL('../../build/', import.meta.url));

export const DEPLOYMENT_META = 'fieldboard-deployment';

/** Copies build/ to a temporary directory the test may change; returns it and a cleanup. */
export function copyBuild(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fieldboard-static-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Marks index.html as deployment `label` and updates its revision in sw.js. */
export function deployNewShell(dir: string, label: string): void {
  const indexPath = path.join(dir, 'index.html');
  const html = readFileSync(indexPath, 'utf8').replace('<head>', `<head>\n    <meta name="${DEPLOYMENT_META}" content="${label}" />`);
  writeFileSync(indexPath, html);

  const swPath = path.join(dir, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const entry = /\{url:"index\.html",revision:"[0-9a-f]+"\}/;
  if (!entry.test(sw)) throw new Error('sw.js does not precache index.html: the PWA config changed');
  const revision = createHash('md5').update(html).digest('hex');
  writeFileSync(swPath, sw.replace(entry, `{url:"index.html",revision:"${revision}"}`));
}
