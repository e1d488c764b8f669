/**
 * What a form shows when its submission fails: one message for the form and one per field.
 * Field keys are the request's field names (the API's `fields`), so a form maps them 1:1.
 */
import type { z } from 'zod';
import { fieldErrors } from '../domain/access/api-schemas';
import { isApiRequestError } from './api-error';
import { describeError } from './describe-error';

export interface FormFailure {
  /** Form-level message (what happened and what to do); empty when the fields say it all. */
  message: string;
  fields: Record<string, string>;
}

/** Overrides of the form-level message by error code (or `offline`), e.g. a login's offline text. */
export type MessageOverrides = Partial<Record<string, string>>;

export function formFailureOf(error: unknown, overrides: MessageOverrides = {}): FormFailure {
  const fields = isApiRequestError(error) ? { ...error.fields } : {};
  const key = isApiRequestError(error) ? (error.kind === 'http' ? (error.code ?? '') : error.kind) : '';
  const override = overrides[key];
  if (override) return { message: override, fields };
  const { message, action } = describeError(error);
  return { message: `${message} ${action}`, fields };
}

/** Checks a request with its schema before sending it: same messages as the server's. */
export function validate<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | { ok: false; failure: FormFailure } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = fieldErrors(parsed.error);
  const message = fields[''] ?? '';
  delete fields[''];
  return { ok: false, failure: { message, fields } };
}
