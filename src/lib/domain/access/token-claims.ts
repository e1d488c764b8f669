/**
 * The claims inside a Fieldboard access token (a JWT signed by the relay's secret).
 * One schema for the relay (verifying) and the browser (reading org and role to open rooms).
 */
import { z } from 'zod';
import { ORG_PATTERN, ROLES } from './roles';

export const tokenClaimsSchema = z.object({
  /** User id; operator tokens made by `npm run token` default to `operator`. */
  sub: z.string().min(1).max(128),
  org: z.string().regex(ORG_PATTERN, 'organisation slug: a-z, 0-9 and dashes'),
  role: z.enum(ROLES),
  /** Display name for presence; optional. */
  name: z.string().max(200).optional(),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive()
});

export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

/** Seconds; operator tokens are long-lived on purpose (devices work offline for days). */
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
