/**
 * The accounts endpoints (setup, sign-in, refresh, users) as typed functions. Requests and
 * answers use the shared contract in `domain/access/api-schemas.ts`.
 */
import {
  API_PATHS,
  authSessionSchema,
  refreshResponseSchema,
  sessionCheckSchema,
  setupStatusSchema,
  userListResponseSchema,
  userResponseSchema,
  type AuthSession,
  type CreateUserRequest,
  type LoginRequest,
  type RefreshResponse,
  type SetupRequest,
  type SessionCheck,
  type SetupStatus,
  type UpdateUserRequest,
  type User
} from '../domain/access/api-schemas';
import { ApiClient } from './api-client';

export class AccountsApi {
  constructor(private readonly client: ApiClient = new ApiClient()) {}

  setupStatus(signal?: AbortSignal): Promise<SetupStatus> {
    return this.client.request('GET', API_PATHS.setup, setupStatusSchema, signal ? { signal } : {});
  }

  setup(request: SetupRequest): Promise<AuthSession> {
    return this.client.request('POST', API_PATHS.setup, authSessionSchema, { body: request });
  }

  login(request: LoginRequest): Promise<AuthSession> {
    return this.client.request('POST', API_PATHS.login, authSessionSchema, { body: request });
  }

  refresh(refreshToken: string): Promise<RefreshResponse> {
    return this.client.request('POST', API_PATHS.refresh, refreshResponseSchema, { body: { refreshToken } });
  }

  /** Asks whether this server accepts `token` (rejects with a 401/403 `ApiRequestError` when not). */
  checkSession(token: string): Promise<SessionCheck> {
    return this.client.request('GET', API_PATHS.session, sessionCheckSchema, { token });
  }

  async logout(refreshToken: string): Promise<void> {
    await this.client.request('POST', API_PATHS.logout, null, { body: { refreshToken } });
  }

  async listUsers(token: string): Promise<User[]> {
    return (await this.client.request('GET', API_PATHS.users, userListResponseSchema, { token })).users;
  }

  async createUser(token: string, request: CreateUserRequest): Promise<User> {
    return (await this.client.request('POST', API_PATHS.users, userResponseSchema, { token, body: request })).user;
  }

  async updateUser(token: string, id: string, change: UpdateUserRequest): Promise<User> {
    return (await this.client.request('PATCH', API_PATHS.user(id), userResponseSchema, { token, body: change })).user;
  }

  async resetPassword(token: string, id: string, password: string): Promise<void> {
    await this.client.request('POST', API_PATHS.userPassword(id), null, { token, body: { password } });
  }
}

/** The app's API (same origin as the page). */
export const accountsApi = new AccountsApi();
