/**
 * Offices, customers, sites, assets and technicians in the `board` doc.
 */
import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import type { z } from 'zod';
import { fieldErrors, type FieldErrors } from '../domain/jobs/job';
import {
  assetSchema,
  customerInputSchema,
  customerSchema,
  geoPointSchema,
  officeSchema,
  siteSchema,
  technicianSchema,
  type Asset,
  type Customer,
  type GeoPoint,
  type Office,
  type Site,
  type Technician
} from '../domain/directory/directory';
import { assetEditSchema } from '../domain/directory/asset-register';
import { officeInputSchema, teamFieldErrors, technicianFields, technicianInputSchema, type OfficeInput, type TechnicianInput } from '../domain/directory/team-forms';
import { Collection } from './collection';

export type CreateResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export class Directory {
  readonly offices: Collection<Office>;
  readonly customers: Collection<Customer>;
  readonly sites: Collection<Site>;
  readonly assets: Collection<Asset>;
  readonly technicians: Collection<Technician>;
  readonly #doc: Y.Doc;
  readonly #origin: unknown;

  constructor(doc: Y.Doc, origin: unknown) {
    this.#doc = doc;
    this.#origin = origin;
    this.offices = new Collection(doc.getMap('offices'), officeSchema);
    this.customers = new Collection(doc.getMap('customers'), customerSchema);
    this.sites = new Collection(doc.getMap('sites'), siteSchema);
    this.assets = new Collection(doc.getMap('assets'), assetSchema);
    this.technicians = new Collection(doc.getMap('technicians'), technicianSchema);
  }

  createOffice(input: Omit<z.input<typeof officeSchema>, 'id'>, id = uuidv4()): CreateResult<Office> {
    return this.#create(this.offices, officeSchema, { ...input, id });
  }

  createCustomer(input: Omit<z.input<typeof customerSchema>, 'id' | 'createdAt'>, now = new Date(), id = uuidv4()): CreateResult<Customer> {
    // Typed input follows the boundary rules (no control characters, real phone numbers).
    const typed = customerInputSchema.safeParse(input);
    if (!typed.success) return { ok: false, errors: fieldErrors(typed.error) };
    return this.#create(this.customers, customerSchema, { ...input, ...typed.data, id, createdAt: now.toISOString() });
  }

  createSite(input: Omit<z.input<typeof siteSchema>, 'id'>, id = uuidv4()): CreateResult<Site> {
    if (!this.customers.has(input.customerId)) return { ok: false, errors: { customerId: 'Pick an existing customer' } };
    return this.#create(this.sites, siteSchema, { ...input, id });
  }

  createAsset(input: Omit<z.input<typeof assetSchema>, 'id'>, id = uuidv4()): CreateResult<Asset> {
    if (!this.sites.has(input.siteId)) return { ok: false, errors: { siteId: 'Pick an existing site' } };
    return this.#create(this.assets, assetSchema, { ...input, id });
  }

  createTechnician(input: Omit<z.input<typeof technicianSchema>, 'id'>, id = uuidv4()): CreateResult<Technician> {
    return this.#create(this.technicians, technicianSchema, { ...input, id });
  }

  updateCustomer(id: string, fields: Partial<Omit<Customer, 'id' | 'createdAt'>>): CreateResult<Customer> {
    return this.#update<Customer>(this.customers, customerSchema, id, fields);
  }

  updateTechnician(id: string, fields: Partial<Omit<Technician, 'id'>>): CreateResult<Technician> {
    return this.#update<Technician>(this.technicians, technicianSchema, id, fields);
  }

  /**
   * Edits an asset from what an office person typed (asset page). The replacement must be
   * another asset on this board. Fields this form does not know are kept; each field is its
   * own key, so two people editing different fields both keep their change.
   */
  saveAsset(id: string, input: unknown): CreateResult<Asset> {
    const parsed = assetEditSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    if (!this.assets.has(id)) return { ok: false, errors: { _form: 'That asset is no longer on this board.' } };
    const { replacedBy } = parsed.data;
    if (replacedBy !== null && (replacedBy === id || !this.assets.has(replacedBy))) return { ok: false, errors: { replacedBy: 'Pick another asset on this board as the replacement' } };
    return this.#update<Asset>(this.assets, assetSchema, id, parsed.data);
  }

  /**
   * Pins a site on the map (a dispatcher dropping a pin where the address is). The location is
   * one value, so two dispatchers pinning the same site at once converge on one of their pins.
   */
  setSiteLocation(siteId: string, location: GeoPoint): CreateResult<Site> {
    const parsed = geoPointSchema.safeParse(location);
    if (!parsed.success) return { ok: false, errors: { location: 'Drop the pin on the map: latitude −90…90, longitude −180…180' } };
    if (!this.sites.has(siteId)) return { ok: false, errors: { _form: 'That site is no longer on this board.' } };
    return this.#update<Site>(this.sites, siteSchema, siteId, { location: parsed.data });
  }

  /**
   * Adds an office (no `id`) or edits one, from what an admin typed in Settings › Offices.
   * Fields this form does not know (added by newer clients) are kept.
   */
  saveOffice(input: OfficeInput, id?: string): CreateResult<Office> {
    const parsed = officeInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: teamFieldErrors(parsed.error) };
    if (id === undefined) return this.createOffice(parsed.data);
    return this.#update<Office>(this.offices, officeSchema, id, parsed.data);
  }

  /**
   * Adds a technician (no `id`) or edits one, from Settings › Technicians. The office must be on
   * this board and a user account may be linked to one technician only.
   */
  saveTechnician(input: TechnicianInput, id?: string): CreateResult<Technician> {
    const parsed = technicianInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: teamFieldErrors(parsed.error) };
    const previous = id === undefined ? undefined : this.technicians.get(id);
    if (id !== undefined && !previous) return { ok: false, errors: { _form: 'That technician is no longer on this board.' } };
    const fields = technicianFields(parsed.data, previous);
    const refused = this.#checkTechnicianRefs(fields.officeId, fields.userId, id);
    if (refused) return { ok: false, errors: refused };
    if (id === undefined) return this.createTechnician(fields);
    return this.#update<Technician>(this.technicians, technicianSchema, id, fields);
  }

  /** Links a technician record to the user account they sign in as (the account's token `sub`). */
  linkTechnician(technicianId: string, userId: string): CreateResult<Technician> {
    if (!userId) return { ok: false, errors: { userId: 'Choose a user account' } };
    const tech = this.technicians.get(technicianId);
    if (!tech) return { ok: false, errors: { _form: 'That technician is no longer on this board.' } };
    const refused = this.#checkTechnicianRefs(tech.officeId, userId, technicianId);
    if (refused) return { ok: false, errors: refused };
    return this.#update<Technician>(this.technicians, technicianSchema, technicianId, { userId });
  }

  /** The technician a user account signs in as, if any. */
  technicianOfUser(userId: string): Technician | undefined {
    return this.technicians.list().find((t) => t.userId === userId);
  }

  sitesOf(customerId: string): Site[] {
    return this.sites.list().filter((s) => s.customerId === customerId);
  }

  assetsAt(siteId: string): Asset[] {
    return this.assets.list().filter((a) => a.siteId === siteId);
  }

  /** Calls back after any directory change, local or remote. */
  onChanged(callback: () => void): () => void {
    const offs = [this.offices, this.customers, this.sites, this.assets, this.technicians].map((c) => c.observe(() => callback()));
    return () => offs.forEach((off) => off());
  }

  /** Inserts many records in one transaction (seeding, imports); invalid ones are skipped and counted. */
  bulkInsert(batch: {
    offices?: Office[];
    customers?: Customer[];
    sites?: Site[];
    assets?: Asset[];
    technicians?: Technician[];
  }): number {
    let skipped = 0;
    this.#doc.transact(() => {
      const pairs: Array<[Collection<{ id: string }>, z.ZodType<{ id: string }>, Array<{ id: string }> | undefined]> = [
        [this.offices, officeSchema, batch.offices],
        [this.customers, customerSchema, batch.customers],
        [this.sites, siteSchema, batch.sites],
        [this.assets, assetSchema, batch.assets],
        [this.technicians, technicianSchema, batch.technicians]
      ];
      for (const [collection, schema, records] of pairs) {
        for (const record of records ?? []) {
          const parsed = schema.safeParse(record);
          if (parsed.success && !collection.has(parsed.data.id)) collection.insert(parsed.data);
          else skipped++;
        }
      }
    }, this.#origin);
    return skipped;
  }

  #checkTechnicianRefs(officeId: string | null, userId: string | null, selfId: string | undefined): FieldErrors | null {
    if (officeId !== null && !this.offices.get(officeId)) return { officeId: 'Pick an office on this board' };
    if (userId === null) return null;
    const holder = this.technicianOfUser(userId);
    if (holder && holder.id !== selfId) return { userId: `That account is already linked to ${holder.name}` };
    return null;
  }

  #create<T extends { id: string }>(collection: Collection<T>, schema: z.ZodType<T>, input: unknown): CreateResult<T> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    this.#doc.transact(() => collection.insert(parsed.data), this.#origin);
    return { ok: true, value: parsed.data };
  }

  #update<T extends { id: string }>(collection: Collection<T>, schema: z.ZodType<T>, id: string, fields: Partial<T>): CreateResult<T> {
    const current = collection.get(id);
    if (!current) return { ok: false, errors: { _form: 'That record no longer exists.' } };
    const parsed = schema.safeParse({ ...current, ...fields, id });
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    this.#doc.transact(() => collection.patch(id, fields as Partial<Omit<T, 'id'>>), this.#origin);
    return { ok: true, value: parsed.data };
  }
}
