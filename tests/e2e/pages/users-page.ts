/** Page object for Settings → Users (admins): add users, change roles, disable, reset passwords. */
import type { Locator, Page } from 'playwright-core';

export interface NewUser {
  name: string;
  email: string;
  role: string;
  password: string;
}

const TIMEOUT = 20_000;

export class UsersPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get list(): Locator {
    return this.page.getByTestId('users-list');
  }
  get addForm(): Locator {
    return this.page.getByTestId('add-user-form');
  }

  row(email: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  }

  /** Opens Users from Settings, as a person would. */
  async openFromSettings(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/settings`);
    await this.page.getByTestId('users-link').click();
    await this.waitFor();
  }

  async waitFor(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === '/settings/users', { timeout: TIMEOUT });
    await this.list.waitFor({ timeout: TIMEOUT });
  }

  async emails(): Promise<string[]> {
    return this.page.locator('[data-testid="user-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email') ?? ''));
  }

  async fillNewUser(user: NewUser): Promise<void> {
    if (!(await this.addForm.isVisible())) await this.page.getByRole('button', { name: 'Add user' }).click();
    const form = this.addForm;
    await form.getByLabel('Name', { exact: true }).fill(user.name);
    await form.getByLabel('Email', { exact: true }).fill(user.email);
    await form.getByLabel('Role', { exact: true }).selectOption(user.role);
    await form.getByLabel('Temporary password', { exact: true }).fill(user.password);
  }

  async addUser(user: NewUser): Promise<void> {
    await this.fillNewUser(user);
    await this.addForm.getByRole('button', { name: 'Add user' }).click();
    await this.row(user.email).waitFor({ timeout: TIMEOUT });
    await this.addForm.getByTestId('add-user-done').waitFor({ timeout: TIMEOUT });
  }

  /** Submits the add form expecting it to be refused; returns the per-field messages shown. */
  async addUserExpectingErrors(user: NewUser): Promise<Record<string, string>> {
    await this.fillNewUser(user);
    await this.addForm.getByRole('button', { name: 'Add user' }).click();
    await this.addForm.locator('[data-field-error]').first().waitFor({ timeout: TIMEOUT });
    return this.addForm.locator('[data-field-error]').evaluateAll((els) =>
      Object.fromEntries(els.map((el) => [el.getAttribute('data-field-error') ?? '', el.textContent?.trim() ?? '']))
    );
  }

  async changeRole(email: string, role: string): Promise<void> {
    await this.row(email).getByRole('combobox').selectOption(role);
    await this.page.locator(`[data-testid="user-row"][data-email="${email}"][data-role="${role}"]`).waitFor({ timeout: TIMEOUT });
  }

  async setDisabled(email: string, disabled: boolean): Promise<void> {
    await this.row(email).getByRole('button', { name: disabled ? 'Disable' : 'Enable', exact: true }).click();
    await this.page
      .locator(`[data-testid="user-row"][data-email="${email}"][data-disabled="${String(disabled)}"]`)
      .waitFor({ timeout: TIMEOUT });
  }

  async resetPassword(email: string, password: string): Promise<void> {
    const row = this.row(email);
    await row.getByRole('button', { name: 'Reset password' }).click();
    const form = row.getByTestId('reset-password-form');
    await form.getByLabel(/^New password for/).fill(password);
    await form.getByRole('button', { name: 'Set password' }).click();
    await row.getByRole('status').getByText('New password set').waitFor({ timeout: TIMEOUT });
  }
}
