/**
 * Page object for the technician app: "My day" (/technician) and a visit screen
 * (/technician/visits/<id>). Tests speak in the technician's terms; selectors live here only.
 */
import { AttachmentsPanel } from './attachments-page';
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export interface PartEntry {
  sku?: string;
  /** Omitted: picked from the price book by `sku` (the form fills the description in). */
  description?: string;
  quantity: string;
  serials?: string;
}

export class TechnicianPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get myDay(): Locator {
    return this.page.locator('[data-testid="my-day"][data-ready="true"]');
  }
  /** The visit's photos and signature (its own page object). */
  visitAttachments(visitId: string): AttachmentsPanel {
    return new AttachmentsPanel(this.page, visitId);
  }
  get visitScreen(): Locator {
    return this.page.getByTestId('visit-screen');
  }
  get timeEntries(): Locator {
    return this.visitScreen.getByTestId('time-entry');
  }
  get parts(): Locator {
    return this.visitScreen.getByTestId('part-use');
  }
  get notes(): Locator {
    return this.visitScreen.getByTestId('field-note');
  }

  myVisit(visitId: string): Locator {
    return this.page.locator(`[data-testid="my-visit"][data-visit-id="${visitId}"]`);
  }

  /** Signs in with a link that opens "My day" and waits for it to load from local data. */
  async signInWithLink(token: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/technician#token=${encodeURIComponent(token)}`);
    await this.myDay.waitFor({ timeout: TIMEOUT });
  }

  async openVisit(visitId: string): Promise<void> {
    await this.myVisit(visitId).click();
    await this.visitScreen.waitFor({ timeout: TIMEOUT });
  }

  /** Opens a visit by its address (a new tab of the installed app, or after a restart). */
  async gotoVisit(visitId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/technician/visits/${encodeURIComponent(visitId)}`);
    await this.visitScreen.waitFor({ timeout: TIMEOUT });
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page.locator(`[data-testid="visit-screen"][data-status="${status}"]`).waitFor({ timeout: TIMEOUT });
  }

  async tap(tap: 'en_route' | 'on_site'): Promise<void> {
    await this.page.getByTestId(`tap-${tap}`).click();
    await this.waitForStatus(tap);
  }

  async completeVisit(outcomeLabel: string, resolution: string): Promise<void> {
    await this.page.getByTestId('tap-done').click();
    const form = this.page.getByTestId('completion-form');
    await form.getByLabel(outcomeLabel).check();
    await form.getByLabel('Resolution note').fill(resolution);
    await form.getByTestId('confirm-done').click();
    await this.waitForStatus('done');
  }

  async takeBreak(): Promise<void> {
    await this.page.getByTestId('break-start').click();
    await this.page.getByTestId('break-stop').click();
    await this.page.getByTestId('break-start').waitFor({ timeout: TIMEOUT });
  }

  async addPart(part: PartEntry): Promise<void> {
    const before = await this.parts.count();
    const form = this.page.getByTestId('part-form');
    await form.getByLabel('SKU').fill(part.sku ?? '');
    await form.getByLabel('SKU').blur();
    if (part.description === undefined) await form.getByTestId('part-source').getByText(/^From the parts list/).waitFor({ timeout: TIMEOUT });
    else await form.getByLabel('Description').fill(part.description);
    await form.getByLabel('Quantity').fill(part.quantity);
    await form.getByLabel(/Serial numbers/).fill(part.serials ?? '');
    await form.getByRole('button', { name: 'Add part' }).click();
    await this.parts.nth(before).waitFor({ timeout: TIMEOUT });
  }

  async addNote(text: string): Promise<void> {
    const before = await this.notes.count();
    const form = this.page.getByTestId('note-form');
    await form.getByLabel('New note').fill(text);
    await form.getByRole('button', { name: 'Add note' }).click();
    await this.notes.nth(before).waitFor({ timeout: TIMEOUT });
  }

  async tick(label: string): Promise<void> {
    await this.visitScreen.getByTestId('visit-checklist').getByLabel(label).check();
  }

  /** Edits the first entry of `kind` in `root`: its start moved `earlierMinutes` back, with a reason. */
  async editEntryStart(root: Locator, kind: string, earlierMinutes: number, reason: string): Promise<void> {
    const entry = root.locator(`[data-testid="time-entry"][data-kind="${kind}"]`).first();
    await entry.getByTestId('edit-time-entry').click();
    const form = entry.getByTestId('time-entry-form');
    const start = form.getByLabel('Start');
    const value = await start.inputValue();
    // datetime-local values are wall-clock times of the device: shift them as such (UTC maths on the digits).
    const shifted = new Date(Date.parse(`${value}:00Z`) - earlierMinutes * 60_000).toISOString().slice(0, 16);
    await start.fill(shifted);
    await form.getByLabel('Reason for the change').fill(reason);
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await root.locator(`[data-testid="time-entry"][data-kind="${kind}"][data-edited="true"]`).first().waitFor({ timeout: TIMEOUT });
  }
}
