/**
 * The admin history endpoints (who changed what, preview, restore, undo) as typed functions;
 * contract in `domain/history/history-schemas.ts`.
 */
import {
  HISTORY_PATHS,
  historyChangeResultSchema,
  historyPageSchema,
  historyPreviewSchema,
  type HistoryChangeResult,
  type HistoryPage,
  type HistoryPreview
} from '../domain/history/history-schemas';
import type { DocName } from '../domain/access/roles';
import { ApiClient } from './api-client';

export class HistoryApi {
  constructor(private readonly client: ApiClient = new ApiClient()) {}

  /** A page of the room's changes, newest first; `before` continues from `nextBefore`. */
  list(token: string, doc: DocName, before?: number): Promise<HistoryPage> {
    const query = new URLSearchParams({ doc });
    if (before !== undefined) query.set('before', String(before));
    return this.client.request('GET', `${HISTORY_PATHS.list}?${query}`, historyPageSchema, { token });
  }

  /** The room as it was once change `seq` was stored, next to the room now. */
  preview(token: string, doc: DocName, seq: number): Promise<HistoryPreview> {
    const query = new URLSearchParams({ doc, seq: String(seq) });
    return this.client.request('GET', `${HISTORY_PATHS.preview}?${query}`, historyPreviewSchema, { token });
  }

  restore(token: string, doc: DocName, seq: number): Promise<HistoryChangeResult> {
    return this.client.request('POST', HISTORY_PATHS.restore, historyChangeResultSchema, { token, body: { doc, seq } });
  }

  /** Reverts what `userId` changed after point `seq`. */
  undo(token: string, doc: DocName, userId: string, seq: number): Promise<HistoryChangeResult> {
    return this.client.request('POST', HISTORY_PATHS.undo, historyChangeResultSchema, { token, body: { doc, userId, seq } });
  }
}

/** The app's history API (same origin as the page). */
export const historyApi = new HistoryApi();
