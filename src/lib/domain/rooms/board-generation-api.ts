/**
 * The board generation API (server/README.md "Board generations"), shared by the relay and
 * the client. Answers are validated on the client like any other untrusted input.
 */
import { z } from 'zod';
import { isBoardDoc } from './board-generation';

/** `GET` the current board room; `GET …/status` its size; `POST …/compact` a new generation. */
export function boardApiPath(org: string, what: '' | 'status' | 'compact' = ''): string {
  return `/api/orgs/${encodeURIComponent(org)}/board${what ? `/${what}` : ''}`;
}

/** `/api/orgs/<org>/board[/status|/compact]` → org and which. */
export const BOARD_API_ROUTE = /^\/api\/orgs\/([^/]+)\/board(?:\/(status|compact))?$/;

const boardDocSchema = z.string().refine(isBoardDoc, 'a board generation (board, board-gN)');

export const currentBoardSchema = z.object({ doc: boardDocSchema });
export type CurrentBoard = z.infer<typeof currentBoardSchema>;

export const boardStatusSchema = z.object({
  doc: boardDocSchema,
  generation: z.number().int().min(1),
  bytes: z.number().int().nonnegative(),
  tombstoneBytes: z.number().int().nonnegative()
});
export type BoardStatus = z.infer<typeof boardStatusSchema>;

export const compactionAnswerSchema = z.discriminatedUnion('compacted', [
  z.object({ compacted: z.literal(true), doc: boardDocSchema, from: boardDocSchema, bytesBefore: z.number().int(), bytesAfter: z.number().int() }),
  z.object({ compacted: z.literal(false), reason: z.string(), doc: boardDocSchema, bytes: z.number().int(), tombstoneBytes: z.number().int() })
]);
export type CompactionAnswer = z.infer<typeof compactionAnswerSchema>;

/** `POST …/compact` body: operators may `force` a new generation whatever the thresholds (admins only). */
export const compactRequestSchema = z.object({ force: z.boolean().optional() }).strict();
