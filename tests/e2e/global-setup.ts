/**
 * The browser tests run against the built app served by the real relay. Build it once when
 * build/index.html is missing (a fresh clone); an existing build is used as it is, so run
 * `npm run build` yourself after changing the app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default function setup(): void {
  if (existsSync(`${root}build/index.html`) && existsSync(`${root}build/sw.js`)) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${String(result.status)}); the e2e tests need build/`);
}
