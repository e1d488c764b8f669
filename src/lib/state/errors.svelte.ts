/**
 * The one funnel for messages the UI shows outside forms: `reportError(error, context)` turns
 * any failure into a notice saying what happened and what to do; `reportInfo` and the short
 * `toasts` commands of the board views (state/toasts.svelte.ts) land here too. The shell renders
 * them all in one place (components/shell/Notices.svelte). Forms show field errors inline.
 */
import { describeError } from '../api/describe-error';

export type NoticeLevel = 'error' | 'warning' | 'info' | 'success';

export interface Notice {
  id: number;
  level: NoticeLevel;
  /** What was being done, e.g. "Could not save the user"; empty for a short message that says it all. */
  context: string;
  message: string;
  action: string;
  /** How many times the same notice was reported while shown. */
  count: number;
}

const MAX_NOTICES = 4;
/** Confirmations and information fade on their own; errors and warnings stay until dismissed (or pushed out). */
const FADE_MS: Partial<Record<NoticeLevel, number>> = { info: 8_000, success: 4_000 };

class Notices {
  list = $state<Notice[]>([]);
  #nextId = 1;

  /** Shows a notice; an identical one already shown is counted instead of repeated. */
  push(level: NoticeLevel, context: string, message: string, action: string): Notice {
    const same = this.list.find((n) => n.level === level && n.context === context && n.message === message);
    if (same) {
      same.count += 1;
      return same;
    }
    const notice: Notice = { id: this.#nextId++, level, context, message, action, count: 1 };
    this.list = [...this.list, notice].slice(-MAX_NOTICES);
    const fade = FADE_MS[level];
    if (fade !== undefined && typeof setTimeout === 'function') setTimeout(() => this.dismiss(notice.id), fade);
    return notice;
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }

  clear(): void {
    this.list = [];
  }
}

export const notices = new Notices();

/**
 * Reports a failure to the user. `context` names what was being attempted, as a short
 * sentence fragment ("Could not load users"). Unexpected errors are also logged for support.
 */
export function reportError(error: unknown, context: string, level: NoticeLevel = 'error'): Notice {
  const { message, action } = describeError(error);
  if (!(error instanceof Error && error.name === 'ApiRequestError')) console.error(`${context}:`, error);
  return notices.push(level, context, message, action);
}

/** A notice that is not a failure ("Signed out; the server could not be told"). */
export function reportInfo(context: string, message: string, action = '', level: NoticeLevel = 'info'): Notice {
  return notices.push(level, context, message, action);
}

/**
 * The relay refused to store more (close 4413): the room or the whole organisation is at its
 * storage quota. `reason` is the relay's words (`storage quota: room ORG/DOC holds X of Y`).
 * The device keeps its changes; they are not sent until an administrator makes room.
 */
export function reportQuotaExceeded(reason: string): Notice {
  const org = /organisation (\S+) holds (.+)$/.exec(reason);
  const room = /room (\S+) holds (.+)$/.exec(reason);
  const what = org ? `Your organisation's storage is full (${org[2]}).` : room ? `This workspace's storage is full (${room[1]} holds ${room[2]}).` : `The server's storage quota is reached (${reason || 'no details'}).`;
  return notices.push(
    'error',
    'The server stopped accepting changes',
    what,
    'Your latest changes are kept on this device but not sent. Ask your administrator to free space or raise the storage quota, then reload the page.'
  );
}
