/**
 * The HTTP API's request and response shapes (setup, login, refresh, users).
 * One set of zod schemas used by the server (validating bodies) and by the browser
 * (validating answers). Pure: imports only zod and the access domain.
 *
 * Every error answer is `{ error: { code, message, fields? } }` with a 4xx status
 * (500 `internal` only for bugs). `fields` maps a request field (dotted path) to a message.
 */
import { z } from 'zod';
import { singleLineText } from '../text/text-fields';
import { ORG_PATTERN, ROLES } from './roles';

/** Passwords: at least 10 characters; capped so a huge body cannot make hashing expensive. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Paths of the API, so the browser and the server cannot drift apart. */
export const API_PATHS = {
  setup: '/api/setup',
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  /** GET with a bearer token: does this server accept it? (the browser cannot see a websocket's 401) */
  session: '/api/auth/session',
  users: '/api/users',
  user: (id: string) => `/api/users/${encodeURIComponent(id)}`,
  userPassword: (id: string) => `/api/users/${encodeURIComponent(id)}/password`,
  /** PUT/GET with a bearer token: a photo or signature in the org's blob store (server/README.md "Blobs"). */
  blob: (org: string, sha256: string) => `/api/blobs/${encodeURIComponent(org)}/${sha256}`
} as const;

// ---------------------------------------------------------------- fields

export const orgSlugSchema = z
  .string()
  .trim()
  .regex(ORG_PATTERN, 'lower-case letters, digits and dashes (1–63), not starting with a dash');

/** Emails are trimmed and lower-cased, so `Ana@X.com` and `ana@x.com` are one account. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('a valid email address'));

/** One line, normalised, no control characters or bidi overrides (text/text-fields.ts). */
export const personNameSchema = singleLineText('Name', { min: 1, max: 100 });

export const orgNameSchema = singleLineText('Organisation name', { min: 1, max: 200 });

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

export const roleSchema = z.enum(ROLES);

// ---------------------------------------------------------------- user

export const userSchema = z.object({
  id: z.string().min(1),
  org: z.string().regex(ORG_PATTERN),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  /** ISO 8601 UTC instant. */
  createdAt: z.string()
});
export type User = z.infer<typeof userSchema>;

// ---------------------------------------------------------------- setup

export const setupStatusSchema = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupRequestSchema = z.strictObject({
  org: orgSlugSchema,
  orgName: orgNameSchema,
  adminEmail: emailSchema,
  adminName: personNameSchema,
  password: passwordSchema
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

// ---------------------------------------------------------------- auth

/** Answer to setup (201) and login (200). */
export const authSessionSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  user: userSchema
});
export type AuthSession = z.infer<typeof authSessionSchema>;

export const loginRequestSchema = z.strictObject({
  org: orgSlugSchema,
  email: emailSchema,
  /** Not length-checked beyond the cap: a login must not reveal the password policy. */
  password: z.string().min(1, 'required').max(PASSWORD_MAX_LENGTH)
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.strictObject({
  refreshToken: z.string().min(1).max(512)
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Rotated pair: the refresh token sent is spent; reusing it revokes the whole family. */
export const refreshResponseSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1)
});
export type RefreshResponse = z.infer<typeof refreshResponseSchema>;

/** `GET /api/auth/session`: the token is valid here; who it names, with the server's current role. */
export const sessionCheckSchema = z.object({
  org: z.string().min(1),
  sub: z.string().min(1),
  role: z.enum(ROLES)
});
export type SessionCheck = z.infer<typeof sessionCheckSchema>;

export const logoutRequestSchema = refreshRequestSchema;
export type LogoutRequest = RefreshRequest;

// ---------------------------------------------------------------- users (admin only)

export const userListResponseSchema = z.object({ users: z.array(userSchema) });
export type UserListResponse = z.infer<typeof userListResponseSchema>;

export const createUserRequestSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  password: passwordSchema
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .strictObject({
    name: personNameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional()
  })
  .refine((body) => body.name !== undefined || body.role !== undefined || body.disabled !== undefined, {
    message: 'nothing to change'
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userResponseSchema = z.object({ user: userSchema });
export type UserResponse = z.infer<typeof userResponseSchema>;

export const passwordResetRequestSchema = z.strictObject({ password: passwordSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

// ---------------------------------------------------------------- errors

export const API_ERROR_CODES = [
  'invalid_request', // 400: body not JSON or fails its schema (see `fields`)
  'unauthorized', // 401: missing, invalid or expired access token
  'invalid_credentials', // 401: login failed (same answer for unknown user and wrong password)
  'invalid_refresh_token', // 401: refresh token unknown, expired, revoked or reused
  'forbidden', // 403: authenticated but not allowed (not an admin, other org)
  'user_disabled', // 403: the account is disabled
  'not_found', // 404
  'method_not_allowed', // 405
  'already_set_up', // 409: POST /api/setup after an organisation exists
  'email_taken', // 409: another user of the org has this email
  'last_admin', // 409: the change would leave the organisation without an active admin
  'payload_too_large', // 413
  'unsupported_media_type', // 415: body is not application/json
  'rate_limited', // 429: too many attempts; retry after the `Retry-After` header
  'out_of_history', // 409: a history point older than the retention or newer than the room
  'invalid_link', // 400/410: a customer link that was changed, is damaged, expired or is of another kind
  'link_revoked', // 410: a customer link the office withdrew (the message names the company)
  'already_answered', // 409: the quote was already accepted or declined, or has expired
  'unavailable', // 503
  'internal' // 500
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    /** One of API_ERROR_CODES; kept open so an older client survives a newer server. */
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional()
  })
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Field messages for an error body: the first message per dotted path (`''` for the body). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}
