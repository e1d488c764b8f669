/**
 * Runs in every browser test file (vite.config.ts `setupFiles`): after each test, fail it if
 * any device logged a console error or threw an uncaught error (see ./console-guard.ts).
 * Errors logged in a `beforeAll` are reported by the file's first test; those after the last
 * test by the file's `afterAll`.
 */
import { afterAll, afterEach } from 'vitest';
import { assertNoConsoleProblems, takeConsoleProblems } from './console-guard';

afterEach(({ task }) => {
  assertNoConsoleProblems(takeConsoleProblems(), `during "${task.name}" (or the hooks before it)`);
});

afterAll(() => {
  assertNoConsoleProblems(takeConsoleProblems(), 'after the last test of the file');
});
