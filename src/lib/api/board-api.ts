/**
 * The board generation endpoints (server/README.md "Board generations") as typed functions;
 * contract in `domain/rooms/board-generation-api.ts`.
 */
import {
  boardApiPath,
  boardStatusSchema,
  compactionAnswerSchema,
  currentBoardSchema,
  type BoardStatus,
  type CompactionAnswer,
  type CurrentBoard
} from '../domain/rooms/board-generation-api';
import { ApiClient } from './api-client';

export class BoardApi {
  constructor(private readonly client: ApiClient = new ApiClient()) {}

  /** The organisation's current live board room (`{ doc: 'board-g3' }`). */
  current(token: string, org: string, signal?: AbortSignal): Promise<CurrentBoard> {
    return this.client.request('GET', boardApiPath(org), currentBoardSchema, { token, ...(signal ? { signal } : {}) });
  }

  /** The current generation's size and how much of it a new generation would drop (admins, dispatchers). */
  status(token: string, org: string): Promise<BoardStatus> {
    return this.client.request('GET', boardApiPath(org, 'status'), boardStatusSchema, { token });
  }

  /** Asks the relay for a new generation; it answers `compacted: false` with its reason when not worth it. */
  compact(token: string, org: string): Promise<CompactionAnswer> {
    return this.client.request('POST', boardApiPath(org, 'compact'), compactionAnswerSchema, { token, body: {} });
  }
}
