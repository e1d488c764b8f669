/**
 * The public service request form (`/request/<org>`, no sign-in): one schema for the browser
 * (field errors before sending) and the relay endpoint `POST /api/public/requests/<org>`
 * (the trust boundary), plus the response shapes both sides agree on.
 */
import { z } from 'zod';
import { multiLineText, phoneNumber, singleLineText } from '../text/text-fields';

export const PREFERRED_TIMES = ['asap', 'morning', 'afternoon', 'evening', 'anytime'] as const;
export type PreferredTime = (typeof PREFERRED_TIMES)[number];

export const PREFERRED_TIME_LABELS: Record<PreferredTime, string> = {
  asap: 'As soon as possible',
  morning: 'Morning (8–12)',
  afternoon: 'Afternoon (12–5)',
  evening: 'Evening (5–8)',
  anytime: 'Any time'
};

const text = (label: string, min: number, max: number, tooShort = `${label} is required`) => singleLineText(label, { min, max, tooShort });

export const publicRequestSchema = z.object({
  name: text('Your name', 2, 200, 'Enter your name'),
  phone: phoneNumber('Phone number'),
  email: z
    .string()
    .trim()
    .max(200, 'E-mail is at most 200 characters')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid e-mail address, or leave it empty')
    .default(''),
  address: text('Service address', 5, 300, 'Enter the street address where the work is needed'),
  problem: multiLineText('Problem description', { min: 10, max: 4000, tooShort: 'Tell us a little more about the problem (at least 10 characters)' }),
  preferredTime: z.enum(PREFERRED_TIMES, { error: 'Choose a preferred time' }).default('anytime'),
  /** Honeypot: people never see or fill it; bots that fill every field are refused. */
  website: z.string().max(0, 'Leave this field empty').optional()
});
export type PublicRequest = z.infer<typeof publicRequestSchema>;
export type PublicRequestInput = z.input<typeof publicRequestSchema>;

/** 201 body. */
export const publicRequestResponseSchema = z.object({ jobNumber: z.string().min(1) });
export type PublicRequestResponse = z.infer<typeof publicRequestResponseSchema>;

/** Any 4xx/5xx body; `fields` maps form field names to messages (400 validation errors). */
export const publicRequestErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional()
  })
});
export type PublicRequestError = z.infer<typeof publicRequestErrorSchema>;

export function publicRequestPath(org: string): string {
  return `/api/public/requests/${encodeURIComponent(org)}`;
}

/**
 * `GET /api/public/orgs/<org>`: what the public form may show of an organisation (its real
 * name). `name` is null for an organisation run with operator tokens only (no accounts set up):
 * its board takes requests, and the form titles itself from the link.
 */
export const publicOrgInfoSchema = z.object({ org: z.string().min(1), name: z.string().min(1).max(200).nullable() });
export type PublicOrgInfo = z.infer<typeof publicOrgInfoSchema>;

export function publicOrgInfoPath(org: string): string {
  return `/api/public/orgs/${encodeURIComponent(org)}`;
}

export type PublicRequestValidation = { ok: true; value: PublicRequest } | { ok: false; fields: Record<string, string> };

/** Validates a submission; one message per field, for the form and for the 400 response. */
export function validatePublicRequest(input: unknown): PublicRequestValidation {
  const parsed = publicRequestSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? '_form')] ??= issue.message;
  return { ok: false, fields };
}

/**
 * The job a valid request becomes (input for `BoardDoc.createJob`): a `new` web request the
 * dispatcher triages; contact details and preferred time go into the problem text so nothing
 * the caller wrote is lost.
 */
export function publicRequestToJobInput(request: PublicRequest): Record<string, unknown> {
  const contact = [request.phone, request.email].filter(Boolean).join(' · ');
  const problem = `${request.problem}\n\nPreferred time: ${PREFERRED_TIME_LABELS[request.preferredTime]}. Contact: ${contact}.`;
  return {
    customerName: request.name,
    siteAddress: request.address,
    problem: problem.slice(0, 4000),
    type: 'repair',
    priority: 'normal',
    channel: 'web'
  };
}
