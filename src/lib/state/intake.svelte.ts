/**
 * A phone-call intake in progress: who is calling (an existing customer picked by type-ahead,
 * or a new one with duplicate hints), where (a known site or a new address), what equipment,
 * and the job itself. `submit()` writes the new directory records and then the job.
 */
import { duplicateHints, searchCustomers, type DuplicateHint } from '../domain/intake/customer-match';
import { defaultSlaDue } from '../domain/intake/sla-defaults';
import { agreementsState } from './agreements.svelte';
import type { Customer } from '../domain/directory/directory';
import { requiredPartsInputSchema, type RequiredPart } from '../domain/jobs/required-parts';
import { fieldErrors, JOB_PRIORITIES, JOB_TYPES, newJobInputSchema, type JobPriority, type JobType } from '../domain/jobs/job';
import { phoneProblem } from '../domain/text/text-fields';
import { board } from './board.svelte';
import { boardView } from './board-view.svelte';
import { session } from './session.svelte';

/** Site choice: an existing site's id, or `NEW_SITE` to type an address. */
export const NEW_SITE = '__new__';

export type IntakeOutcome = { ok: true; number: string } | { ok: false; errors: Record<string, string> };

export class IntakeDraft {
  customerName = $state('');
  phone = $state('');
  email = $state('');
  saveCustomer = $state(true);
  customerId = $state<string | null>(null);
  siteChoice = $state<string>(NEW_SITE);
  siteAddress = $state('');
  assetIds = $state<string[]>([]);
  newAssetType = $state('');
  newAssetMake = $state('');
  newAssetModel = $state('');
  problem = $state('');
  type = $state<string>('repair');
  priority = $state<string>('normal');
  officeId = $state<string>(boardView.intakeOfficeId ?? '');
  estimatedMinutes = $state('60');
  /** Parts the job calls for, picked from the price book (optional). */
  requiredParts = $state<RequiredPart[]>([]);
  errors = $state<Record<string, string>>({});
  created = $state<string | null>(null);

  readonly customer: Customer | undefined = $derived(this.customerId ? board.customerById.get(this.customerId) : undefined);
  readonly matches: Customer[] = $derived(this.customerId ? [] : searchCustomers(board.customers, this.customerName));
  readonly duplicates: DuplicateHint[] = $derived(
    this.customerId || !this.saveCustomer ? [] : duplicateHints(board.customers, { name: this.customerName, phone: this.phone, email: this.email })
  );
  readonly sites = $derived(this.customerId ? board.sites.filter((s) => s.customerId === this.customerId) : []);
  readonly siteAssets = $derived(this.siteChoice !== NEW_SITE ? board.assets.filter((a) => a.siteId === this.siteChoice) : []);

  /** True once anything was typed or picked: the form then offers to clear it. */
  readonly hasInput: boolean = $derived(
    Boolean(this.customerName || this.phone || this.email || this.customerId || this.siteAddress || this.problem || this.newAssetType || this.assetIds.length || this.requiredParts.length)
  );

  pickCustomer(customer: Customer): void {
    this.customerId = customer.id;
    this.customerName = customer.name;
    const contact = customer.contacts[0];
    this.phone = contact?.phone ?? '';
    this.email = contact?.email ?? '';
    const sites = board.sites.filter((s) => s.customerId === customer.id);
    this.siteChoice = sites[0]?.id ?? NEW_SITE;
    this.assetIds = [];
    const { customerName: _ignored, ...rest } = this.errors;
    this.errors = rest;
  }

  /** "New job for this asset" (asset page): customer, site and the asset picked; what was typed about the problem stays. */
  startFor(customer: Customer, siteId: string, assetId: string): void {
    this.pickCustomer(customer);
    this.siteChoice = siteId;
    this.assetIds = [assetId];
    this.created = null;
  }

  clearCustomer(): void {
    this.customerId = null;
    this.siteChoice = NEW_SITE;
    this.assetIds = [];
  }

  /** Replaces the picked parts when valid (whole quantities, each part once); else says why. */
  setRequiredParts(parts: RequiredPart[]): string | null {
    const parsed = requiredPartsInputSchema.safeParse(parts);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Check the parts.';
    this.requiredParts = parsed.data;
    return null;
  }

  toggleAsset(id: string, on: boolean): void {
    this.assetIds = on ? [...this.assetIds, id] : this.assetIds.filter((a) => a !== id);
  }

  /**
   * A field with an error was edited: check it again at once, so a "required" message goes
   * away as soon as the value is valid (and stays, updated, while it is not).
   */
  fieldChanged(field: string): void {
    if (!(field in this.errors)) return;
    const now = validateOnly(this.#jobInput(new Date()))?.[field];
    const { [field]: _old, ...rest } = this.errors;
    this.errors = now ? { ...rest, [field]: now } : rest;
  }

  #jobInput(now: Date) {
    const type = (JOB_TYPES as readonly string[]).includes(this.type) ? (this.type as JobType) : 'repair';
    const priority = (JOB_PRIORITIES as readonly string[]).includes(this.priority) ? (this.priority as JobPriority) : 'normal';
    return {
      customerName: this.customerName,
      siteAddress: this.siteChoice === NEW_SITE ? this.siteAddress : (board.siteById.get(this.siteChoice)?.address ?? ''),
      problem: this.problem,
      type,
      priority,
      officeId: this.officeId || null,
      estimatedMinutes: this.estimatedMinutes,
      // A covered customer's agreement response time sets the SLA when it is sooner (issue 11).
      slaDue: agreementsState.slaDueFor(this.customerId, defaultSlaDue(type, priority, now), now),
      channel: 'phone' as const,
      ...(this.requiredParts.length ? { requiredParts: this.requiredParts } : {})
    };
  }

  /** Creates what is new (customer, site, asset) and the job; field errors come back by name. */
  submit(now = new Date()): IntakeOutcome {
    const jobInput = this.#jobInput(now);
    // Check the job (and a new customer's phone) first, so a missing problem does not leave
    // a half-made customer behind, and each problem shows under its own field.
    const phone = this.phone.trim();
    const phoneError = !this.customerId && this.saveCustomer && phone ? phoneProblem(phone) : null;
    const precheck = { ...validateOnly(jobInput), ...(phoneError ? { phone: `Phone ${phoneError}` } : {}) };
    if (Object.keys(precheck).length > 0) return this.#fail(precheck);

    let customerId = this.customerId;
    if (!customerId && this.saveCustomer && this.customerName.trim()) {
      const contact = { name: this.customerName.trim(), phone: this.phone.trim(), email: this.email.trim() };
      const created = board.createCustomer({ name: this.customerName.trim(), contacts: contact.phone || contact.email ? [contact] : [] });
      if (!created.ok) return this.#fail(prefix(created.errors, 'customer'));
      customerId = created.value.id;
    }
    let siteId: string | null = this.siteChoice === NEW_SITE ? null : this.siteChoice;
    if (!siteId && customerId && jobInput.siteAddress.trim()) {
      const site = board.createSite({ customerId, address: jobInput.siteAddress.trim() });
      if (!site.ok) return this.#fail(prefix(site.errors, 'site'));
      siteId = site.value.id;
    }
    const assetIds = [...this.assetIds];
    if (siteId && this.newAssetType.trim()) {
      const asset = board.createAsset({ siteId, type: this.newAssetType.trim(), make: this.newAssetMake.trim(), model: this.newAssetModel.trim() });
      if (!asset.ok) return this.#fail(prefix(asset.errors, 'asset'));
      assetIds.push(asset.value.id);
    }
    const result = board.createJob({ ...jobInput, customerId, siteId, assetIds });
    if (!result.ok) return this.#fail(result.errors);
    boardView.rememberIntakeOffice(this.officeId || null);
    this.#reset(result.job.number);
    return { ok: true, number: result.job.number };
  }

  /** Throws away what was typed (the dispatcher asked to). */
  discard(): void {
    this.#reset(null);
  }

  /** The "Created J-…" notice belongs to the form it was shown in, not to the next opening. */
  forgetCreated(): void {
    this.created = null;
  }

  #fail(errors: Record<string, string>): IntakeOutcome {
    this.errors = errors;
    this.created = null;
    return { ok: false, errors };
  }

  #reset(number: string | null): void {
    this.customerName = '';
    this.phone = '';
    this.email = '';
    this.customerId = null;
    this.siteChoice = NEW_SITE;
    this.siteAddress = '';
    this.assetIds = [];
    this.newAssetType = '';
    this.newAssetMake = '';
    this.newAssetModel = '';
    this.problem = '';
    this.type = 'repair';
    this.priority = 'normal';
    this.estimatedMinutes = '60';
    this.requiredParts = [];
    this.errors = {};
    this.created = number;
  }
}

/**
 * The one intake in progress for the signed-in organisation. It outlives the dialog, so a
 * call half taken down survives Escape, a stray click on the backdrop or a glance at another
 * page; it is emptied only by creating the job or by "Clear form".
 */
let current: { org: string | undefined; draft: IntakeDraft; dispose: () => void } | null = null;

export function intakeDraft(): IntakeDraft {
  const org = session.claims?.org;
  if (!current || current.org !== org) {
    current?.dispose();
    // Built in its own effect root: deriveds made while a component initialises belong to
    // that component and stop updating once it unmounts, but this draft outlives the form.
    let draft: IntakeDraft | undefined;
    const dispose = $effect.root(() => {
      draft = new IntakeDraft();
    });
    current = { org, draft: draft!, dispose };
  }
  return current.draft;
}

function validateOnly(input: unknown): Record<string, string> | null {
  const parsed = newJobInputSchema.safeParse(input);
  return parsed.success ? null : fieldErrors(parsed.error);
}

function prefix(errors: Record<string, string>, what: string): Record<string, string> {
  return { _form: `Could not save the ${what}: ${Object.values(errors).join('; ')}` };
}
