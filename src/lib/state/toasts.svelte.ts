/**
 * The one funnel for messages to the user from the board views: a refused move, a failed
 * command, a confirmation. Each says what happened and what to do; errors stay until
 * dismissed or replaced, confirmations fade.
 */
export type ToastKind = 'error' | 'info' | 'success';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

const INFO_MS = 4000;
const ERROR_MS = 12000;
const MAX = 4;

class Toasts {
  items = $state.raw<Toast[]>([]);
  #next = 1;

  show(kind: ToastKind, message: string): number {
    const id = this.#next++;
    // The same message again replaces the old one instead of stacking up.
    const kept = this.items.filter((t) => t.message !== message);
    this.items = [...kept, { id, kind, message }].slice(-MAX);
    setTimeout(() => this.dismiss(id), kind === 'error' ? ERROR_MS : INFO_MS);
    return id;
  }

  error(message: string): number {
    return this.show('error', message);
  }

  info(message: string): number {
    return this.show('info', message);
  }

  success(message: string): number {
    return this.show('success', message);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();

/** Turns anything thrown into a sentence for the toast funnel. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
