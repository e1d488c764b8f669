/**
 * Accounts as the UI sees them: whether this server still needs its first-run setup, the
 * organisation's users for admins (Settings → Users), and signing this device out.
 */
import { accountsApi, type AccountsApi } from '../api/accounts-api';
import { isApiRequestError } from '../api/api-error';
import { formFailureOf, type FormFailure } from '../api/form-failure';
import type { CreateUserRequest, UpdateUserRequest, User } from '../domain/access/api-schemas';
import { DeviceDataBusyError, eraseOrgData } from './device-data';
import { reportError, reportInfo } from './errors.svelte';
import { authorized } from './authorized';
import { historyAdmin } from './history-admin.svelte';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

export type SetupState = 'unknown' | 'needed' | 'done';

/** How long the signed-out screen waits for the server before showing the sign-in page. */
const SETUP_CHECK_TIMEOUT_MS = 4_000;

class ServerSetup {
  /** `unknown` until the server answered (offline, unreachable, older server). */
  state = $state<SetupState>('unknown');
  #inflight: Promise<SetupState> | null = null;

  constructor(private readonly api: AccountsApi) {}

  /** Asks the server (once set up, a server stays set up). Never rejects. */
  check(): Promise<SetupState> {
    if (this.state === 'done') return Promise.resolve('done');
    this.#inflight ??= this.api
      .setupStatus(AbortSignal.timeout(SETUP_CHECK_TIMEOUT_MS))
      .then(
        (status) => (this.state = status.needed ? 'needed' : 'done'),
        () => this.state
      )
      .finally(() => (this.#inflight = null));
    return this.#inflight;
  }

  markDone(): void {
    this.state = 'done';
  }
}

/** A change's result; on failure, `failure` for forms and `error` for the error funnel. */
export type Mutation = { ok: true; user?: User } | { ok: false; failure: FormFailure; error: unknown };

class UsersAdmin {
  users = $state<User[]>([]);
  loaded = $state(false);
  loading = $state(false);
  /** Why the list could not be loaded (form-level text), or null. */
  loadError = $state<string | null>(null);
  /** Ids of users with a change on its way to the server. */
  pending = $state<string[]>([]);

  constructor(private readonly api: AccountsApi) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.users = sortUsers(await authorized((token) => this.api.listUsers(token)));
      this.loaded = true;
      this.loadError = null;
    } catch (error) {
      this.loadError = formFailureOf(error, { offline: "You're offline — managing users needs the network." }).message;
    } finally {
      this.loading = false;
    }
  }

  async create(request: CreateUserRequest): Promise<Mutation> {
    try {
      const user = await authorized((token) => this.api.createUser(token, request));
      this.users = sortUsers([...this.users.filter((u) => u.id !== user.id), user]);
      return { ok: true, user };
    } catch (error) {
      return { ok: false, failure: formFailureOf(error), error };
    }
  }

  /** Role, name or disabled. On failure the list keeps the server's last known values. */
  async update(id: string, change: UpdateUserRequest): Promise<Mutation> {
    return this.#withPending(id, async () => {
      const user = await authorized((token) => this.api.updateUser(token, id, change));
      this.users = sortUsers(this.users.map((u) => (u.id === id ? user : u)));
      return user;
    });
  }

  async resetPassword(id: string, password: string): Promise<Mutation> {
    return this.#withPending(id, () => authorized((token) => this.api.resetPassword(token, id, password)));
  }

  clear(): void {
    this.users = [];
    this.loaded = false;
    this.loadError = null;
  }

  async #withPending(id: string, fn: () => Promise<User | void>): Promise<Mutation> {
    this.pending = [...this.pending, id];
    try {
      const user = await fn();
      return user ? { ok: true, user } : { ok: true };
    } catch (error) {
      if (isApiRequestError(error) && error.is('not_found')) await this.load();
      return { ok: false, failure: formFailureOf(error), error };
    } finally {
      this.pending = this.pending.filter((p) => p !== id);
    }
  }
}

function sortUsers(users: User[]): User[] {
  return [...users].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

export const serverSetup = new ServerSetup(accountsApi);
export const usersAdmin = new UsersAdmin(accountsApi);

/**
 * Signs this device out; with `erase`, also deletes the organisation's offline copy (changes
 * not yet synced are lost — the caller asks first). Never rejects: failures are reported.
 */
export async function signOutOfDevice(options: { erase: boolean }): Promise<void> {
  const org = session.claims?.org;
  workspace.close();
  usersAdmin.clear();
  historyAdmin.clear();
  session.signOut();
  if (!options.erase || !org) return;
  try {
    await eraseOrgData(org);
    reportInfo('Signed out', `This device's offline copy of ${org} was erased.`);
  } catch (error) {
    const context = `Signed out, but this device's offline copy of ${org} was not erased`;
    if (error instanceof DeviceDataBusyError) {
      reportInfo(context, 'Another Fieldboard tab is still using it.', 'Close the other tabs, sign in, and sign out with erasing again.', 'error');
    } else reportError(error, context);
  }
}
