/**
 * The history API's contract (`/api/admin/history*`, server/README.md "History"): one set of
 * zod schemas for the relay (validating requests) and the app (validating answers).
 *
 * A point in a room's history is a stored row's sequence number (`seq`, from the history
 * list) or an instant (`at`): the state as of the last row stored at or before it.
 */
import { z } from 'zod';
import { isDocName } from '../access/roles';
import { JOB_STATUSES } from '../jobs/status';

/** Why a stored row exists: a peer's edit, the relay's own change, or an admin's restore/undo. */
export const CHANGE_ACTIONS = ['edit', 'system', 'restore', 'undo'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const HISTORY_PATHS = {
  list: '/api/admin/history',
  preview: '/api/admin/history/preview',
  restore: '/api/admin/history/restore',
  undo: '/api/admin/history/undo'
} as const;

/** Rows per history page, at most. */
export const HISTORY_PAGE_MAX = 200;

const docSchema = z.string().refine(isDocName, 'board, finance or archive-YYYY-MM');
const seqSchema = z.coerce.number().int().positive();
/** 0 is the point before the room's first row. */
const pointSeqSchema = z.coerce.number().int().nonnegative();
const instantSchema = z.iso.datetime({ offset: true });

/** `GET history?doc=board&before=SEQ&limit=N`: newest first, rows with seq < before. */
export const historyListQuerySchema = z.object({
  doc: docSchema,
  before: seqSchema.optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(50)
});
export type HistoryListQuery = z.infer<typeof historyListQuerySchema>;

/** A point given by `seq` or by `at`; exactly one. */
const pointFields = { seq: pointSeqSchema.optional(), at: instantSchema.optional() };
function onePoint(value: { seq?: number | undefined; at?: string | undefined }): boolean {
  return (value.seq === undefined) !== (value.at === undefined);
}
const ONE_POINT = { message: 'give either seq or at', path: ['seq'] };

export const historyPointQuerySchema = z.object({ doc: docSchema, ...pointFields }).refine(onePoint, ONE_POINT);
export type HistoryPointQuery = z.infer<typeof historyPointQuerySchema>;

/** `POST restore`: bring the room back to how it was at the point. */
export const restoreRequestSchema = historyPointQuerySchema;
export type RestoreRequest = HistoryPointQuery;

/** `POST undo`: revert what `userId` changed after the point. */
export const undoRequestSchema = z
  .object({ doc: docSchema, userId: z.string().min(1).max(128), ...pointFields })
  .refine(onePoint, ONE_POINT);
export type UndoRequest = z.infer<typeof undoRequestSchema>;

export const historyEntrySchema = z.object({
  seq: z.number().int(),
  at: instantSchema,
  /** Null for rows stored before the relay recorded authors. */
  userId: z.string().nullable(),
  /** From the organisation's accounts; null when the id is not an account (operator tokens, `relay`). */
  userName: z.string().nullable(),
  action: z.enum(CHANGE_ACTIONS).nullable(),
  /** Size of the stored change. */
  bytes: z.number().int().nonnegative()
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({
  entries: z.array(historyEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
  /** The oldest point that can still be previewed or restored (retention, server/README.md). */
  earliestSeq: z.number().int()
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const collectionCountSchema = z.object({ collection: z.string(), then: z.number().int(), now: z.number().int() });

/** How a job at the point compares with the job now. */
export const JOB_DIFFERENCES = ['removed', 'changed', 'same'] as const;

export const previewJobSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerName: z.string(),
  status: z.enum(JOB_STATUSES),
  difference: z.enum(JOB_DIFFERENCES)
});
export type PreviewJob = z.infer<typeof previewJobSchema>;

export const historyPreviewSchema = z.object({
  seq: z.number().int(),
  at: instantSchema.nullable(),
  counts: z.array(collectionCountSchema),
  jobs: z.array(previewJobSchema),
  /** Jobs that exist now but did not at the point (a restore keeps them). */
  jobsCreatedSince: z.number().int()
});
export type HistoryPreview = z.infer<typeof historyPreviewSchema>;

export const historyConflictSchema = z.object({
  collection: z.string(),
  id: z.string(),
  field: z.string(),
  /** Who changed the field after the undone user; their value is kept. */
  keptBy: z.string().nullable()
});

export const historyChangeResultSchema = z.object({
  /** The point the change was computed from. */
  seq: z.number().int(),
  /** Records brought back (they had been removed). */
  recreated: z.number().int(),
  /** Fields set back to their earlier value. */
  reset: z.number().int(),
  /** Records created after the point, kept as they are. */
  keptNew: z.number().int(),
  /** Undo only: fields someone else changed later; theirs stays. */
  conflicts: z.array(historyConflictSchema)
});
export type HistoryChangeResult = z.infer<typeof historyChangeResultSchema>;
