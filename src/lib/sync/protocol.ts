/**
 * The relay protocol contract shared by the browser, the relay and other clients (DESIGN §4).
 * Pure constants and name parsing: no yjs import, so the server can use it as it is.
 */
import { isDocName, ORG_PATTERN, type DocName } from '../domain/access/roles';

export { ORG_PATTERN };

/** Websocket path prefix: `ws(s)://HOST:PORT/sync/<org>/<doc>?token=TOKEN`. */
export const SYNC_PATH = '/sync';

/** y-websocket top-level message types. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** y-protocols sync sub-messages. */
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/**
 * Close codes. 4xxx mirror HTTP meaning so logs and clients read them the same way.
 * 1009 is the standard "message too big"; 1013 "try again later" makes stock clients reconnect.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  tooBig: 1009,
  serverError: 1011,
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  /** A write would pass the room's or the organisation's storage quota (reason says which). */
  quotaExceeded: 4413,
  /** An update broke the room's rules (room-rules.ts); reason `refused: <reason>: <detail>`. Not retried. */
  changeRefused: 4422,
  roomUnavailable: 4503,
  rateLimited: 4429
} as const;
export type CloseCodeName = keyof typeof CloseCode;

export interface RoomName {
  org: string;
  doc: DocName;
  /** `<org>/<doc>`, the key used in storage and metrics. */
  id: string;
}

/** Parses `<org>/<doc>`; returns null for anything else (path traversal, unknown doc). */
export function parseRoomName(value: string): RoomName | null {
  const parts = value.split('/');
  if (parts.length !== 2) return null;
  const [org, doc] = parts as [string, string];
  if (!ORG_PATTERN.test(org) || !isDocName(doc)) return null;
  return { org, doc, id: `${org}/${doc}` };
}

export function roomId(org: string, doc: DocName): string {
  return `${org}/${doc}`;
}
