/**
 * Settings › Price book: the `catalog` doc as live lists, who may change it, and the commands
 * the forms call (validated by domain/catalog/catalog-forms.ts, one transaction per save).
 * Admins and dispatchers edit; technicians and managers read (the relay drops their writes
 * anyway); wallboards have no price book.
 */
import { untrack } from 'svelte';
import { allTerms, DEFAULT_BILLING_SETTINGS, type BillingSettings, type Bundle, type DiscountPreset, type LabourRate, type Part, type Service, type TaxRate, type Terms } from '../domain/catalog/catalog';
import type { BillingSettingsInput } from '../domain/catalog/catalog-forms';
import type { CatalogCollection, CatalogDoc } from '../sync/catalog';
import { workspace } from './workspace.svelte';

const READ_ONLY = 'Your role can look at the price book but not change it: ask an admin or a dispatcher.';

type Errors = Record<string, string>;

class PriceBookState {
  parts = $state.raw<Part[]>([]);
  services = $state.raw<Service[]>([]);
  labourRates = $state.raw<LabourRate[]>([]);
  bundles = $state.raw<Bundle[]>([]);
  discountPresets = $state.raw<DiscountPreset[]>([]);
  taxRates = $state.raw<TaxRate[]>([]);
  /** Custom terms only (built-in ones come from `allTerms`). */
  customTerms = $state.raw<Terms[]>([]);
  settings = $state.raw<BillingSettings>(DEFAULT_BILLING_SETTINGS);
  /** Records another device wrote that this one cannot read (shown as a count, never guessed at). */
  unreadable = $state(0);
  attached = $state(false);

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const catalog = workspace.catalog;
        if (!catalog) return;
        return untrack(() => this.#attach(catalog));
      });
    });
  }

  get ready(): boolean {
    return workspace.ready && this.attached;
  }

  /** Every role but the wallboard reads the price book. */
  get canView(): boolean {
    return workspace.catalog !== null;
  }

  get canEdit(): boolean {
    return workspace.canWriteCatalog;
  }

  /** Built-in terms, then the organisation's own. */
  get terms(): Terms[] {
    return allTerms(this.customTerms, true);
  }

  save(collection: CatalogCollection, input: unknown, id?: string): Errors | null {
    const catalog = this.#writable();
    if (!catalog) return { _form: READ_ONLY };
    const result = catalog.save(collection, input, id);
    return result.ok ? null : result.errors;
  }

  setArchived(collection: CatalogCollection, id: string, archived: boolean): Errors | null {
    const catalog = this.#writable();
    if (!catalog) return { _form: READ_ONLY };
    const result = catalog.setArchived(collection, id, archived);
    return result.ok ? null : result.errors;
  }

  saveSettings(input: BillingSettingsInput): Errors | null {
    const catalog = this.#writable();
    if (!catalog) return { _form: READ_ONLY };
    const result = catalog.saveSettings(input);
    return result.ok ? null : result.errors;
  }

  taxRateName(id: string | null): string {
    if (id === null) return 'default rate';
    return this.taxRates.find((t) => t.id === id)?.name ?? 'unknown rate';
  }

  #writable(): CatalogDoc | null {
    return this.canEdit ? workspace.catalog : null;
  }

  #attach(catalog: CatalogDoc): () => void {
    let queued = false;
    const byName = <T extends { archived: boolean }>(key: (r: T) => string) => (a: T, b: T) => Number(a.archived) - Number(b.archived) || key(a).localeCompare(key(b));
    const publish = () => {
      queued = false;
      this.parts = catalog.parts.list().sort(byName((p) => p.sku));
      this.services = catalog.services.list().sort(byName((s) => s.code));
      this.labourRates = catalog.labourRates.list().sort(byName((r) => `${r.rateClass} ${r.name}`));
      this.bundles = catalog.bundles.list().sort(byName((b) => b.code));
      this.discountPresets = catalog.discountPresets.list().sort(byName((d) => d.name));
      this.taxRates = catalog.taxRates.list().sort(byName((t) => t.name));
      this.customTerms = catalog.terms.list();
      this.settings = catalog.settings();
      this.unreadable = [catalog.parts, catalog.services, catalog.labourRates, catalog.bundles, catalog.discountPresets, catalog.taxRates, catalog.terms].reduce((n, c) => n + c.invalid().length, 0);
    };
    // Several records change in one transaction: publish once, after it.
    const off = catalog.onChanged(() => {
      if (!queued) queueMicrotask(publish);
      queued = true;
    });
    publish();
    this.attached = true;
    return () => {
      off();
      this.attached = false;
    };
  }
}

export const priceBook = new PriceBookState();
