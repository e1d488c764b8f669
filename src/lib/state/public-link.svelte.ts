/**
 * A customer's link page (`/q/<token>`, `/i/<token>`; no account): loads the one document the
 * link names, and for a quote sends the answer (accept with name, option and drawn signature,
 * or decline with a reason). Every failure becomes a sentence the customer can act on: a
 * refused link (changed, expired, another kind, withdrawn by the office) is a page of its own, never a stack or blank.
 */
import { isApiRequestError } from '../api/api-error';
import { linkApi, type LinkApi } from '../api/link-api';
import type { AnswerResponse, LinkDocument, LinkKind } from '../domain/quotes/document-link';

export type LinkPhase = 'loading' | 'ready' | 'refused' | 'answered';

/** Bytes as base64 (chunked: a signature is a few kilobytes, beyond one `apply`'s arguments on some engines). */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export class PublicLink {
  phase = $state<LinkPhase>('loading');
  document = $state.raw<LinkDocument | null>(null);
  /** Why the link cannot be used (phase `refused`). */
  refusal = $state<{ title: string; message: string } | null>(null);
  answer = $state.raw<AnswerResponse | null>(null);
  /** Why the last answer was not taken (the form stays filled in). */
  error = $state<string | null>(null);
  fields = $state<Record<string, string>>({});
  sending = $state(false);

  constructor(
    readonly kind: LinkKind,
    readonly token: string,
    private readonly api: LinkApi = linkApi
  ) {}

  async load(): Promise<void> {
    try {
      this.document = await this.api.document(this.kind, this.token);
      this.phase = 'ready';
    } catch (error) {
      this.refusal = refusalOf(error);
      this.phase = 'refused';
    }
  }

  accept(name: string, optionId: string, signaturePng: Uint8Array): Promise<string | null> {
    return this.#send(() => this.api.accept(this.token, { name: name.trim(), optionId, signaturePng: toBase64(signaturePng) }));
  }

  decline(name: string, reason: string): Promise<string | null> {
    return this.#send(() => this.api.decline(this.token, { name: name.trim(), reason: reason.trim() }));
  }

  async #send(call: () => Promise<AnswerResponse>): Promise<string | null> {
    if (this.sending) return null;
    this.sending = true;
    this.error = null;
    this.fields = {};
    try {
      this.answer = await call();
      this.phase = 'answered';
      return null;
    } catch (error) {
      if (isApiRequestError(error) && (error.is('already_answered') || error.is('invalid_link') || error.is('link_revoked'))) {
        this.refusal = { title: error.is('already_answered') ? 'This quote can no longer be answered' : error.is('link_revoked') ? WITHDRAWN_TITLE : 'This link cannot be used', message: error.message };
        this.phase = 'refused';
        return error.message;
      }
      this.fields = isApiRequestError(error) ? { ...error.fields } : {};
      this.error = describe(error);
      return this.error;
    } finally {
      this.sending = false;
    }
  }
}

function describe(error: unknown): string {
  if (!isApiRequestError(error)) return 'Something went wrong. Please try again.';
  if (error.kind === 'offline' || error.kind === 'network' || error.kind === 'timeout') return 'Your answer could not be sent: check your internet connection and try again. Nothing was lost.';
  if (error.is('rate_limited')) return `${error.message} Please wait a minute and try again.`;
  if (error.is('invalid_request')) return Object.values(error.fields ?? {})[0] ?? 'Please check the form.';
  return `The company's server could not take your answer right now (${error.message}). Please try again later, or call them.`;
}

const WITHDRAWN_TITLE = 'This link was withdrawn';

function refusalOf(error: unknown): { title: string; message: string } {
  // The message names the company that withdrew it ("… withdrawn by Bayside HVAC. Please ask them for a new one.").
  if (isApiRequestError(error) && error.is('link_revoked')) return { title: WITHDRAWN_TITLE, message: error.message };
  if (isApiRequestError(error) && error.is('invalid_link')) return { title: error.status === 410 ? 'This link has expired' : 'This link cannot be used', message: error.message };
  if (isApiRequestError(error) && error.is('not_found')) return { title: 'Document not found', message: error.message };
  if (isApiRequestError(error) && error.is('rate_limited')) return { title: 'Too many requests', message: `${error.message} Please wait a minute and reload the page.` };
  if (isApiRequestError(error) && (error.kind === 'offline' || error.kind === 'network' || error.kind === 'timeout')) return { title: 'No connection', message: 'The document could not be loaded: check your internet connection and reload the page.' };
  return { title: 'The document could not be shown', message: 'Please try again later, or contact the company that sent you the link.' };
}
