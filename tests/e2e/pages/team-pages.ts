/**
 * Page objects for Settings › Offices and › Technicians (admins edit, dispatchers and
 * managers view), and the technician-record choice of Settings › Users. Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';
import type { NewUser, UsersPage } from './users-page';

const TIMEOUT = 20_000;

export interface NewOffice {
  name: string;
  code: string;
  address?: string;
  timeZone?: string;
}

export interface NewTechnician {
  name: string;
  /** The office's option text ("SF-N · North Beach") or a part of it. */
  office?: string;
  skills?: string;
  homeBase?: string;
  /** Per weekday (Monday…Sunday): [start, end] to work that day, or null for a day off. */
  hours?: Partial<Record<string, [string, string] | null>>;
  active?: boolean;
}

/** Per-field errors shown in a form, by field name ("name", "workingHours.tue"). */
async function fieldErrors(form: Locator): Promise<Record<string, string>> {
  await form.locator('[data-field-error]').first().waitFor({ timeout: TIMEOUT });
  return form.locator('[data-field-error]').evaluateAll((els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-field-error') ?? '', el.textContent?.trim() ?? '']))
  );
}

async function openFromSettings(page: Page, baseUrl: string, link: string, path: string, list: Locator): Promise<void> {
  await page.goto(`${baseUrl}/settings`);
  await page.getByTestId(link).click();
  await page.waitForURL((url) => url.pathname === path, { timeout: TIMEOUT });
  await list.waitFor({ timeout: TIMEOUT });
}

export class OfficesPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get list(): Locator {
    return this.page.getByTestId('office-list');
  }
  get form(): Locator {
    return this.page.getByTestId('office-form');
  }
  get addButton(): Locator {
    return this.page.getByRole('button', { name: 'Add office', exact: true });
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="office-row"][data-name="${name}"]`);
  }

  async openFromSettings(): Promise<void> {
    await openFromSettings(this.page, this.baseUrl, 'offices-link', '/settings/offices', this.list);
  }

  async fill(office: NewOffice): Promise<void> {
    if (!(await this.form.isVisible())) await this.addButton.click();
    await this.form.getByLabel('Office name', { exact: true }).fill(office.name);
    await this.form.getByLabel('Short code', { exact: true }).fill(office.code);
    await this.form.getByLabel('Address', { exact: true }).fill(office.address ?? '');
    if (office.timeZone !== undefined) await this.form.getByLabel('Time zone', { exact: true }).fill(office.timeZone);
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: /^(Add|Save) office$/ }).click();
  }

  async add(office: NewOffice): Promise<void> {
    await this.fill(office);
    await this.submit();
    await this.row(office.name).waitFor({ timeout: TIMEOUT });
  }

  async submitExpectingErrors(): Promise<Record<string, string>> {
    await this.submit();
    return fieldErrors(this.form);
  }

  /** What the open form holds, by label. */
  async formValues(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const label of ['Office name', 'Short code', 'Address', 'Time zone']) out[label] = await this.form.getByLabel(label, { exact: true }).inputValue();
    return out;
  }
}

export class TechniciansPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get list(): Locator {
    return this.page.getByTestId('technician-list');
  }
  get form(): Locator {
    return this.page.getByTestId('technician-form');
  }
  get addButton(): Locator {
    return this.page.getByRole('button', { name: 'Add technician', exact: true });
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="technician-row"][data-name="${name}"]`);
  }

  async openFromSettings(): Promise<void> {
    await openFromSettings(this.page, this.baseUrl, 'technicians-link', '/settings/technicians', this.list);
  }

  async fill(tech: NewTechnician): Promise<void> {
    if (!(await this.form.isVisible())) await this.addButton.click();
    const form = this.form;
    await form.getByLabel('Technician name', { exact: true }).fill(tech.name);
    if (tech.office !== undefined) {
      const option = form.getByLabel('Office', { exact: true }).locator('option', { hasText: tech.office });
      await form.getByLabel('Office', { exact: true }).selectOption({ label: (await option.first().textContent()) ?? tech.office });
    }
    if (tech.skills !== undefined) await form.getByLabel('Skills', { exact: true }).fill(tech.skills);
    if (tech.homeBase !== undefined) await form.getByLabel('Home base', { exact: true }).fill(tech.homeBase);
    for (const [day, span] of Object.entries(tech.hours ?? {})) {
      const works = form.getByTestId('working-hours').getByLabel(day, { exact: true });
      if (span === null || span === undefined) {
        await works.uncheck();
        continue;
      }
      await works.check();
      await form.getByLabel(`${day} starts`, { exact: true }).fill(span[0]);
      await form.getByLabel(`${day} ends`, { exact: true }).fill(span[1]);
    }
    if (tech.active !== undefined) await form.getByLabel(/Active \(can be assigned\)/).setChecked(tech.active);
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: /^(Add|Save) technician$/ }).click();
  }

  async add(tech: NewTechnician): Promise<void> {
    await this.fill(tech);
    await this.submit();
    await this.row(tech.name).waitFor({ timeout: TIMEOUT });
  }

  async submitExpectingErrors(): Promise<Record<string, string>> {
    await this.submit();
    return fieldErrors(this.form);
  }

  async fieldValue(label: string): Promise<string> {
    return this.form.getByLabel(label, { exact: true }).inputValue();
  }

  /** Waits until a technician's row names the account they sign in as (the list of accounts loads from the server). */
  async waitForAccount(name: string, text: string): Promise<void> {
    await this.row(name).getByTestId('technician-account').getByText(text, { exact: true }).waitFor({ timeout: TIMEOUT });
  }

  /** What a technician's row says about the account they sign in as. */
  async accountOf(name: string): Promise<string> {
    return ((await this.row(name).getByTestId('technician-account').textContent()) ?? '').trim();
  }
}

/**
 * Adds a technician user in Settings › Users and answers the technician-record question: link
 * them to an existing record (`{ link: name }`) or create one in an office (`{ createIn: office option text }`).
 * Returns the confirmation shown.
 */
export async function addTechnicianUser(users: UsersPage, user: Omit<NewUser, 'role'>, record: { link: string } | { createIn: string }): Promise<string> {
  await users.fillNewUser({ ...user, role: 'technician' });
  const choice = users.addForm.getByTestId('technician-link');
  if ('link' in record) {
    await choice.getByLabel(/Link an existing technician/).check();
    await choice.getByLabel('Technician', { exact: true }).selectOption({ label: record.link });
  } else {
    await choice.getByLabel(/Create a technician record/).check();
    await choice.getByLabel('Office', { exact: true }).selectOption({ label: record.createIn });
  }
  await users.addForm.getByRole('button', { name: 'Add user' }).click();
  const done = users.addForm.getByTestId('add-user-done');
  await done.getByText(user.email).waitFor({ timeout: TIMEOUT });
  return ((await done.textContent()) ?? '').trim();
}
