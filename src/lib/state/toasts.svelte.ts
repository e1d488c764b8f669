/**
 * Short messages from the board views (a refused move, a failed command, a confirmation),
 * as commands on the one notices funnel (state/errors.svelte.ts), which the shell renders.
 * Each message says what happened and what to do; errors stay until dismissed or replaced,
 * confirmations fade.
 */
import { notices } from './errors.svelte';

export type ToastKind = 'error' | 'info' | 'success';

class Toasts {
  show(kind: ToastKind, message: string): number {
    // The same message again replaces the old one instead of stacking up.
    for (const old of notices.list.filter((n) => n.context === '' && n.message === message)) notices.dismiss(old.id);
    return notices.push(kind, '', message, '').id;
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
    notices.dismiss(id);
  }
}

export const toasts = new Toasts();

/** Turns anything thrown into a sentence for the notices funnel. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
