/**
 * Page object for the sign-in page (/login): email and password, the "Use an access token"
 * alternative, and the messages it shows. Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

export interface Credentials {
  org: string;
  email: string;
  password: string;
}

const TIMEOUT = 20_000;

export class LoginPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get form(): Locator {
    return this.page.getByTestId('login-form');
  }
  /** The form-level error (wrong credentials, disabled, rate limited, offline). */
  get error(): Locator {
    return this.page.getByTestId('login-error');
  }
  /** Why this device was signed out (session ended, account disabled). */
  get notice(): Locator {
    return this.page.getByTestId('session-notice');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.waitFor();
  }

  async waitFor(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === '/login', { timeout: TIMEOUT });
    await this.form.waitFor({ timeout: TIMEOUT });
  }

  async fill(credentials: Credentials): Promise<void> {
    await this.form.getByLabel('Organisation', { exact: true }).fill(credentials.org);
    await this.form.getByLabel('Email', { exact: true }).fill(credentials.email);
    await this.form.getByLabel('Password', { exact: true }).fill(credentials.password);
  }

  async submit(credentials: Credentials): Promise<void> {
    await this.fill(credentials);
    await this.form.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in and waits to leave the sign-in page. */
  async signIn(credentials: Credentials): Promise<void> {
    await this.submit(credentials);
    await this.page.waitForURL((url) => url.pathname !== '/login', { timeout: TIMEOUT });
  }

  /** Submits and returns the form-level error shown. */
  async signInExpectingError(credentials: Credentials): Promise<string> {
    await this.submit(credentials);
    await this.error.waitFor({ timeout: TIMEOUT });
    return (await this.error.textContent())?.trim() ?? '';
  }

  async signInWithToken(token: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Use an access token' }).click();
    const form = this.page.getByTestId('sign-in-form');
    await form.getByLabel('Access token').fill(token);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }
}
