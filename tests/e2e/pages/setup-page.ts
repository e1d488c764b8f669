/** Page object for the first-run setup page (/setup). */
import type { Locator, Page } from 'playwright-core';

export interface SetupDetails {
  orgName: string;
  /** The sign-in name; derived from orgName when omitted. */
  org?: string;
  adminName: string;
  email: string;
  password: string;
  confirm?: string;
}

const TIMEOUT = 20_000;

export class SetupPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get form(): Locator {
    return this.page.getByTestId('setup-form');
  }

  async waitFor(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === '/setup', { timeout: TIMEOUT });
    await this.form.waitFor({ timeout: TIMEOUT });
  }

  async fill(details: SetupDetails): Promise<void> {
    const form = this.form;
    await form.getByLabel('Organisation name', { exact: true }).fill(details.orgName);
    if (details.org !== undefined) await form.getByLabel('Sign-in name', { exact: true }).fill(details.org);
    await form.getByLabel('Your name', { exact: true }).fill(details.adminName);
    await form.getByLabel('Email', { exact: true }).fill(details.email);
    await form.getByLabel('Password', { exact: true }).fill(details.password);
    await form.getByLabel('Confirm password', { exact: true }).fill(details.confirm ?? details.password);
  }

  async signInName(): Promise<string> {
    return this.form.getByLabel('Sign-in name', { exact: true }).inputValue();
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Create organisation' }).click();
  }

  /** The message shown under a field (by the request's field name), or null. */
  async fieldError(name: string): Promise<string | null> {
    const error = this.form.locator(`[data-field-error="${name}"]`);
    if ((await error.count()) === 0) return null;
    return (await error.textContent())?.trim() ?? null;
  }
}
