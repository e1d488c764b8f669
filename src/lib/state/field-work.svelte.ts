/**
 * The technician app's live state: the records of field work (time entries, taps, parts,
 * notes, checklist ticks) as reactive lists, the signed-in person's technician record, the
 * device's location choice, and the commands the technician screens call. Follows whichever
 * board is open, like `board.svelte.ts`; components never see the doc.
 */
import { untrack } from 'svelte';
import { z } from 'zod';
import type { Part } from '../domain/catalog/catalog';
import type { ChecklistCheck, FieldNote, PartUse } from '../domain/fieldwork/field-records';
import type { GeoFix, StatusTap, Tap } from '../domain/fieldwork/status-taps';
import { currentTimeEntries, type CurrentTimeEntry, type TimeEntry } from '../domain/fieldwork/time-entries';
import type { Technician } from '../domain/directory/directory';
import type { BoardDoc } from '../sync/board-doc';
import type { CatalogDoc } from '../sync/catalog';
import type { FieldResult } from '../sync/field-work';
import { board } from './board.svelte';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

/** The device's answer to "add my location to status taps?" (absent: not asked yet). */
export type LocationChoice = 'allow' | 'never';
const LOCATION_KEY = 'fieldboard.tapLocation';
const locationChoiceSchema = z.enum(['allow', 'never']);
/** How long a tap waits for a position before it is written without one. */
const LOCATION_TIMEOUT_MS = 4_000;

function readChoice(): LocationChoice | null {
  try {
    const parsed = locationChoiceSchema.safeParse(localStorage.getItem(LOCATION_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

class FieldWorkState {
  timeRecords = $state.raw<TimeEntry[]>([]);
  taps = $state.raw<StatusTap[]>([]);
  partUses = $state.raw<PartUse[]>([]);
  notes = $state.raw<FieldNote[]>([]);
  checks = $state.raw<ChecklistCheck[]>([]);
  /** The price book's active parts, by SKU (empty without catalog access or before it synced). */
  catalogParts = $state.raw<Part[]>([]);
  locationChoice = $state<LocationChoice | null>(readChoice());
  /** True while a tap waits for a position. */
  locating = $state(false);

  #board: BoardDoc | null = null;

  /** Every entry as it stands now (chains resolved). */
  readonly timeEntries: CurrentTimeEntry[] = $derived(currentTimeEntries(this.timeRecords));

  /** The technician record linked to the signed-in account, if any. */
  readonly me: Technician | null = $derived(board.technicians.find((t) => t.userId !== null && t.userId === session.claims?.sub) ?? null);

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const doc = workspace.board;
        if (!doc) return;
        return untrack(() => this.#attach(doc));
      });
      $effect(() => {
        const catalog = workspace.catalog;
        if (!catalog) return;
        return untrack(() => this.#attachCatalog(catalog));
      });
    });
  }

  /** Remembers the choice on this device; "allow" also asks the browser once, so its prompt comes now. */
  chooseLocation(choice: LocationChoice): void {
    this.locationChoice = choice;
    try {
      localStorage.setItem(LOCATION_KEY, choice);
    } catch {
      // Private mode: the choice holds for this session only.
    }
    if (choice === 'allow') void this.#position();
  }

  /** A status tap by the signed-in technician (location added when allowed and available in time). */
  async tap(visitId: string, tap: Tap, completion?: unknown): Promise<FieldResult> {
    const me = this.me;
    if (!me) return { ok: false, error: 'Your account is not linked to a technician: ask an admin to link it in Settings › Technicians.' };
    const location = this.locationChoice === 'allow' ? await this.#position() : null;
    return this.#write((b, actor) => b.fieldWork.tap(visitId, tap, { technicianId: me.id, location, completion }, actor));
  }

  startBreak(): FieldResult {
    const me = this.me;
    if (!me) return { ok: false, error: 'Your account is not linked to a technician.' };
    return this.#write((b, actor) => b.fieldWork.startBreak(me.id, actor));
  }

  stopBreak(): FieldResult {
    const me = this.me;
    if (!me) return { ok: false, error: 'Your account is not linked to a technician.' };
    return this.#write((b, actor) => b.fieldWork.stopBreak(me.id, actor));
  }

  editEntry(rootId: string, input: unknown): FieldResult {
    return this.#write((b, actor) => b.fieldWork.editEntry(rootId, input, actor));
  }

  addPartUse(visitId: string, input: unknown): FieldResult {
    return this.#write((b, actor) => b.fieldWork.addPartUse(visitId, input, actor));
  }

  addNote(visitId: string, input: unknown): FieldResult {
    return this.#write((b, actor) => b.fieldWork.addNote(visitId, input, actor));
  }

  setCheck(visitId: string, itemId: string, checked: boolean): FieldResult {
    return this.#write((b, actor) => b.fieldWork.setCheck(visitId, itemId, checked, actor));
  }

  #write(command: (b: BoardDoc, actor: { id: string; name?: string }) => FieldResult): FieldResult {
    const doc = this.#board;
    const actor = workspace.actor;
    if (!doc || !actor) return { ok: false, error: 'Sign in to record work.' };
    if (!workspace.canWriteBoard) return { ok: false, error: 'Your role can view the board but not change it.' };
    return command(doc, actor);
  }

  /** A position within LOCATION_TIMEOUT_MS, or null (refused, unavailable, too slow): never throws. */
  #position(): Promise<GeoFix | null> {
    const geo = (globalThis.navigator as Navigator | undefined)?.geolocation;
    if (!geo) return Promise.resolve(null);
    this.locating = true;
    return new Promise<GeoFix | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), LOCATION_TIMEOUT_MS + 500);
      geo.getCurrentPosition(
        (p) => {
          clearTimeout(timer);
          resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : null });
        },
        () => {
          clearTimeout(timer);
          resolve(null);
        },
        { enableHighAccuracy: false, maximumAge: 60_000, timeout: LOCATION_TIMEOUT_MS }
      );
    }).finally(() => (this.locating = false));
  }

  #attachCatalog(catalog: CatalogDoc): () => void {
    const publish = () => (this.catalogParts = catalog.parts.list().filter((p) => !p.archived).sort((a, b) => a.sku.localeCompare(b.sku)));
    const off = catalog.parts.observe(() => publish());
    publish();
    return () => {
      off();
      this.catalogParts = [];
    };
  }

  #attach(doc: BoardDoc): () => void {
    this.#board = doc;
    let queued = false;
    const publish = () => {
      queued = false;
      const fw = doc.fieldWork;
      this.timeRecords = fw.timeRecords();
      this.taps = fw.taps.list();
      this.partUses = fw.partUses.list();
      this.notes = fw.notes.list();
      this.checks = fw.checks.list();
    };
    const off = doc.fieldWork.onChanged(() => {
      if (!queued) queueMicrotask(publish);
      queued = true;
    });
    publish();
    return () => {
      off();
      this.#board = null;
      this.timeRecords = [];
      this.taps = [];
      this.partUses = [];
      this.notes = [];
      this.checks = [];
    };
  }
}

export const fieldWork = new FieldWorkState();
