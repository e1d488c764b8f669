/**
 * What the asset page shows (issue 11, asset register): the asset, where it is and whose it
 * is, its warranty today, the agreements covering it and its service history across all
 * jobs and visits (parts, notes, photos). Read through the board, field-work and attachment
 * states; components never see the doc. Jobs that moved to monthly archives are read from the
 * months the board's markers name for the asset (ArchivedHistory: construct during component init).
 */
import { agreementsCovering, assetServiceHistory, warrantyStatus, type WarrantyStatus } from '../domain/directory/asset-register';
import type { Agreement } from '../domain/agreements/agreement';
import type { Asset, Customer, Site } from '../domain/directory/directory';
import { zonedParts } from '../domain/time/zoned';
import { agreementsState } from './agreements.svelte';
import { ArchivedHistory } from './archive-months.svelte';
import { attachments } from './attachments.svelte';
import { board } from './board.svelte';
import { fieldWork } from './field-work.svelte';
import { intakeDraft } from './intake.svelte';

export class AssetView {
  /** The asset shown (the page sets it when the route changes). */
  id = $state('');
  constructor(id: string) {
    this.id = id;
  }

  readonly asset: Asset | undefined = $derived(board.assetById.get(this.id));
  readonly site: Site | undefined = $derived(this.asset ? board.siteById.get(this.asset.siteId) : undefined);
  readonly customer: Customer | undefined = $derived(this.site ? board.customerById.get(this.site.customerId) : undefined);
  readonly replacement: Asset | undefined = $derived(this.asset?.replacedBy ? board.assetById.get(this.asset.replacedBy) : undefined);
  /** Assets at the same site (the choices for "replaced by"). */
  readonly siblings: Asset[] = $derived(this.asset ? board.assets.filter((a) => a.siteId === this.asset!.siteId && a.id !== this.asset!.id) : []);
  readonly today: string = $derived(zonedParts(board.now, board.timeZone).date);
  readonly warranty: WarrantyStatus = $derived(this.asset ? warrantyStatus(this.asset, this.today) : { state: 'unknown' });
  readonly agreements: Agreement[] = $derived(this.asset ? agreementsCovering(agreementsState.list, this.asset).filter((a) => !a.cancelled) : []);
  /** Jobs of this asset that moved to monthly archives, loaded while the page shows. */
  readonly archived = new ArchivedHistory(() => ({ kind: 'assetIds', id: this.id }));
  readonly history = $derived.by(() => {
    const id = this.id;
    const jobs = board.jobs.filter((j) => j.assetIds.includes(id));
    const old = this.archived.jobs;
    const records = old.length ? this.archived.months.records(old.map((j) => j.id)) : { visits: [], parts: [], notes: [], attachments: [] };
    return assetServiceHistory(id, {
      jobs: [...jobs, ...old],
      visits: [...board.visits, ...records.visits],
      parts: [...fieldWork.partUses, ...records.parts],
      notes: [...fieldWork.notes, ...records.notes],
      attachments: [...jobs.flatMap((j) => attachments.forJob(j.id)), ...records.attachments]
    });
  });

  get canEdit(): boolean {
    return board.canDispatch;
  }

  /** Fills the intake with this asset's customer, site and the asset; the caller opens the form. */
  startJob(): boolean {
    if (!this.asset || !this.customer || !this.site) return false;
    intakeDraft().startFor(this.customer, this.site.id, this.asset.id);
    return true;
  }
}
