/**
 * The public service request form: validates with the shared schema before sending, posts to
 * the relay's public endpoint, and turns every answer (created, field errors, rate limit,
 * network trouble) into something the visitor can act on.
 */
import {
  publicOrgInfoPath,
  publicOrgInfoSchema,
  publicRequestErrorSchema,
  publicRequestPath,
  publicRequestResponseSchema,
  validatePublicRequest,
  type PreferredTime
} from '../domain/intake/public-request';

export type RequestPhase = 'editing' | 'sending' | 'sent';

export class PublicRequestForm {
  readonly org: string;
  name = $state('');
  phone = $state('');
  email = $state('');
  address = $state('');
  problem = $state('');
  preferredTime = $state<PreferredTime>('anytime');
  /** Honeypot, hidden from people. */
  website = $state('');
  fields = $state<Record<string, string>>({});
  formError = $state<string | null>(null);
  phase = $state<RequestPhase>('editing');
  jobNumber = $state<string | null>(null);
  /** The organisation's real name ("Rossi & Sons") once the server told it; null until then or when unknown. */
  orgName = $state<string | null>(null);

  constructor(org: string) {
    this.org = org;
  }

  /**
   * Asks the server for the organisation's name (the slug loses "&", accents, capitals). Any
   * failure leaves `orgName` null and the page falls back to a title made from the link.
   */
  async loadOrgInfo(fetchFn: typeof fetch = fetch): Promise<void> {
    try {
      const response = await fetchFn(publicOrgInfoPath(this.org), { headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const info = publicOrgInfoSchema.safeParse(await response.json());
      if (info.success && info.data.org === this.org) this.orgName = info.data.name;
    } catch {
      // Offline or unreachable: the fallback title is good enough to send a request later.
    }
  }

  values() {
    return { name: this.name, phone: this.phone, email: this.email, address: this.address, problem: this.problem, preferredTime: this.preferredTime, ...(this.website ? { website: this.website } : {}) };
  }

  /** Checks the form; true when it may be sent. */
  validate(): boolean {
    const result = validatePublicRequest(this.values());
    this.fields = result.ok ? {} : result.fields;
    this.formError = null;
    return result.ok;
  }

  /** A field with an error was edited: its message clears once the value is valid (and updates while not). */
  fieldChanged(field: string): void {
    if (!(field in this.fields)) return;
    const result = validatePublicRequest(this.values());
    const now = result.ok ? undefined : result.fields[field];
    const { [field]: _old, ...rest } = this.fields;
    this.fields = now ? { ...rest, [field]: now } : rest;
  }

  async submit(fetchFn: typeof fetch = fetch): Promise<void> {
    if (this.phase === 'sending' || !this.validate()) return;
    this.phase = 'sending';
    let response: Response;
    try {
      response = await fetchFn(publicRequestPath(this.org), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(this.values())
      });
    } catch {
      this.#failed('Your request could not be sent: check your internet connection and try again. Nothing was lost; the form is still filled in.');
      return;
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const ok = publicRequestResponseSchema.safeParse(body);
      this.jobNumber = ok.success ? ok.data.jobNumber : null;
      this.phase = 'sent';
      return;
    }
    const error = publicRequestErrorSchema.safeParse(body);
    if (error.success) {
      this.fields = error.data.error.fields ?? {};
      this.#failed(response.status === 429 ? `${error.data.error.message} Please wait a minute and try again.` : error.data.error.message);
    } else {
      this.#failed(`The service desk could not take the request right now (HTTP ${response.status}). Please try again in a few minutes, or call us.`);
    }
  }

  reset(): void {
    this.name = this.phone = this.email = this.address = this.problem = this.website = '';
    this.preferredTime = 'anytime';
    this.fields = {};
    this.formError = null;
    this.jobNumber = null;
    this.phase = 'editing';
  }

  #failed(message: string): void {
    this.formError = message;
    this.phase = 'editing';
  }
}
