/**
 * Quotes as live state for `/invoices` › Quotes: every quote with its derived status (on the
 * organisation's day), the commands (create, edit), and "Copy customer link": mints a signed
 * link on the relay (admin/dispatcher), copies it and records that the quote was sent.
 * Reads follow the finance doc; changes from any tab or device republish once per transaction
 * (a customer's acceptance, written by the relay, arrives the same way).
 */
import { untrack } from 'svelte';
import { formFailureOf } from '../api/form-failure';
import { linkApi } from '../api/link-api';
import type { LinkKind } from '../domain/quotes/document-link';
import type { QuoteView } from '../domain/quotes/quote-status';
import type { QuoteResult } from '../sync/quotes';
import type { FinanceDoc } from '../sync/finance';
import { authorized } from './authorized';
import { finance } from './finance.svelte';
import { priceBook } from './price-book.svelte';
import { workspace } from './workspace.svelte';

const READ_ONLY = { ok: false as const, error: 'Your role can look at quotes but not change them.' };

class QuotesState {
  list = $state.raw<QuoteView[]>([]);
  /** The last customer link made on this page (shown so it can be copied by hand too). */
  lastLink = $state<{ kind: LinkKind; id: string; url: string; expiresAt: string } | null>(null);
  #doc: FinanceDoc | null = null;

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const doc = workspace.finance;
        const today = finance.today;
        if (!doc || !today) return;
        return untrack(() => this.#attach(doc, today));
      });
    });
  }

  quote(id: string): QuoteView | undefined {
    return this.list.find((q) => q.id === id);
  }

  create(input: unknown): QuoteResult<{ id: string; number: string }> {
    const doc = this.#doc;
    const actor = workspace.actor;
    if (!doc || !actor || !finance.canWrite) return READ_ONLY;
    return doc.quotes.create(input, actor, workspace.deviceCode(), new Date(), this.#book());
  }

  update(id: string, input: unknown): QuoteResult {
    const doc = this.#doc;
    if (!doc || !finance.canWrite) return READ_ONLY;
    return doc.quotes.update(id, input, finance.today, new Date(), this.#book());
  }

  /** The price book as this device has it (lines started from its items are priced and taxed by it). */
  #book() {
    return { parts: priceBook.parts, services: priceBook.services, labourRates: priceBook.labourRates, bundles: priceBook.bundles, taxRates: priceBook.taxRates, settings: priceBook.settings };
  }

  /**
   * Mints the customer link of a quote or issued invoice and copies it; a quote is then
   * marked sent. Needs the server (links are signed there): returns an error sentence offline.
   */
  async copyLink(kind: LinkKind, id: string): Promise<string | null> {
    let minted: { path: string; expiresAt: string };
    try {
      minted = await authorized((token) => linkApi.mint(token, kind, id));
    } catch (error) {
      return formFailureOf(error, { offline: 'Customer links are made by the server: connect to the internet and try again.' }).message;
    }
    const url = new URL(minted.path, location.origin).toString();
    this.lastLink = { kind, id, url, expiresAt: minted.expiresAt };
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard permission (or an insecure origin): the link is shown to copy by hand.
    }
    const actor = workspace.actor;
    if (kind === 'quote' && this.#doc && actor) this.#doc.quotes.markSent(id, actor, finance.today);
    return null;
  }

  #attach(doc: FinanceDoc, today: string): () => void {
    this.#doc = doc;
    let queued = false;
    const publish = () => {
      queued = false;
      this.list = doc.quotes.list(today);
    };
    const stop = doc.quotes.observe(() => {
      if (!queued) queueMicrotask(publish);
      queued = true;
    });
    publish();
    return () => {
      stop();
      this.#doc = null;
      this.list = [];
    };
  }
}

export const quotes = new QuotesState();
