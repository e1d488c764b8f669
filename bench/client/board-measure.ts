/**
 * Timings of the built app in real Chromium, shared by bench/board-render.ts and
 * bench/client.ts: the board's first render from this device's IndexedDB copy, a card drop,
 * and the schedule's switch to a week. Each reads performance marks the app sets after the
 * DOM is updated (`fieldboard:jobs-ready`, `fieldboard:board-rendered`,
 * `fieldboard:schedule-rendered`). Figures only: nothing here asserts a time.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Generous: a year's live board takes minutes to sync and load on the shared machine (a wait that ends sooner is not slowed). */
const TIMEOUT = 900_000;

/**
 * Relay env for the benches that seed it: its per-connection rate limits are for people's
 * devices. A seed writes megabytes in seconds (a write stalled behind the byte bucket never
 * got confirmed in time) and a browser's first sync takes the whole doc at once; neither is
 * what these benches time (they time from IndexedDB), so both run unthrottled.
 */
export const UNTHROTTLED = { RATE_BYTES_PER_SECOND: '0', RATE_MESSAGES_PER_SECOND: '0', RATE_ANSWER_BYTES_PER_SECOND: '0' };

export interface Stats {
  median: number;
  p95: number;
  max: number;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

/** A desktop page signed in with `token`, the board synced into its IndexedDB. */
export async function openBoard(context: BrowserContext, baseUrl: string, token: string): Promise<Page> {
  // tsx (esbuild) wraps named functions in `__name(...)`; the page needs it for our evaluate callbacks.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${baseUrl}/board#token=${encodeURIComponent(token)}`);
  await page.locator('[data-testid="sync-status"][data-phase="synced"]').waitFor({ timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="job-card"]').length > 0, undefined, { timeout: TIMEOUT });
  return page;
}

export interface RenderSample {
  /** Jobs ready → columns in the DOM. */
  render: number;
  /** Navigation → board rendered (includes IndexedDB). */
  toRendered: number;
  /** Navigation → jobs ready. */
  toJobs: number;
}

/** Reloads the board `runs` times (a cold start from this device's copy) and reads the marks. */
export async function measureFirstRender(page: Page, runs: number): Promise<RenderSample[]> {
  const out: RenderSample[] = [];
  for (let run = 0; run < runs; run++) {
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('fieldboard:board-rendered').length > 0, undefined, { timeout: TIMEOUT });
    out.push(
      await page.evaluate(() => {
        const jobs = performance.getEntriesByName('fieldboard:jobs-ready')[0]!.startTime;
        const rendered = performance.getEntriesByName('fieldboard:board-rendered')[0]!.startTime;
        return { render: rendered - jobs, toRendered: rendered, toJobs: jobs };
      })
    );
  }
  return out;
}

/**
 * Drops cards between New and Scheduled with the board's own drag-and-drop handlers
 * (synthetic DragEvents) and times drop → the card is in the new column with the doc's new
 * status (the card's `data-status` is derived from the doc).
 */
export async function measureDrops(page: Page, count: number): Promise<number[]> {
  await page.locator('[data-testid="sync-status"][data-phase="synced"]').waitFor({ timeout: TIMEOUT });
  return page.evaluate(async (n) => {
    const cell = (status: string) => document.querySelector<HTMLElement>(`[data-testid="board-column"][data-status="${status}"] [data-cell]`)!;
    const fire = (type: string, target: Element, clientY: number, dataTransfer: DataTransfer) =>
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, clientY, clientX: target.getBoundingClientRect().left + 20, dataTransfer }));
    const inColumn = (id: string, status: string) => document.querySelector(`[data-testid="board-column"][data-status="${status}"] [data-job-id="${id}"][data-status="${status}"]`) !== null;
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const [from, to] = i % 2 === 0 ? ['new', 'scheduled'] : ['scheduled', 'new'];
      const card = cell(from).querySelector<HTMLElement>('[data-job-id]')!;
      const id = card.dataset.jobId!;
      const target = cell(to);
      const firstCard = target.querySelector<HTMLElement>('[data-job-id]');
      const y = firstCard ? firstCard.getBoundingClientRect().top + 4 : target.getBoundingClientRect().top + 4;
      const dt = new DataTransfer();
      fire('dragstart', card, card.getBoundingClientRect().top + 5, dt);
      fire('dragover', target, y, dt);
      const t0 = performance.now();
      fire('drop', target, y, dt);
      await new Promise<void>((resolve) => {
        const check = () => (inColumn(id, to) ? resolve() : requestAnimationFrame(check));
        if (inColumn(id, to)) resolve();
        else {
          const observer = new MutationObserver(() => {
            if (inColumn(id, to)) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
          requestAnimationFrame(check);
        }
      });
      samples.push(performance.now() - t0);
      fire('dragend', card, 0, dt);
      // Let the drag end settle before the next one (not part of any sample).
      await new Promise((r) => setTimeout(r, 50));
    }
    return samples;
  }, count);
}

export interface WeekSample {
  /** Click on Week → the grid rendered with 7 days. */
  ms: number;
  visits: number;
}

/**
 * Opens the schedule on `day` (day view), then `runs` times: Week clicked → the
 * `fieldboard:schedule-rendered` mark of a 7-day grid; back to Day between runs.
 */
export async function measureScheduleWeek(page: Page, baseUrl: string, day: string, runs: number): Promise<WeekSample[]> {
  await page.goto(`${baseUrl}/schedule?day=${day}`);
  await page.getByTestId('schedule-grid').waitFor({ timeout: TIMEOUT });
  const out: WeekSample[] = [];
  for (let run = 0; run < runs; run++) {
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.waitForFunction(() => (performance.getEntriesByName('fieldboard:schedule-rendered').at(-1) as PerformanceMark | undefined)?.detail?.days === 1, undefined, { timeout: TIMEOUT });
    const sample = await page.evaluate(async () => {
      const week = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Week')!;
      const before = performance.getEntriesByName('fieldboard:schedule-rendered').length;
      const t0 = performance.now();
      week.click();
      return new Promise<{ ms: number; visits: number }>((resolve) => {
        const check = () => {
          const marks = performance.getEntriesByName('fieldboard:schedule-rendered') as PerformanceMark[];
          const mark = marks.slice(before).find((m) => m.detail?.days === 7);
          if (mark) resolve({ ms: mark.startTime - t0, visits: mark.detail.visits });
          else requestAnimationFrame(check);
        };
        check();
      });
    });
    out.push(sample);
  }
  return out;
}
