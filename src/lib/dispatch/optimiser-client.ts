/**
 * Promise client of the optimiser worker: `await client.optimise(day)` resolves with the route
 * or rejects with an OptimiserError carrying a typed reason. Works over any message endpoint
 * (a Worker in the app, a MessageChannel port in tests).
 */
import type { DayRoute } from '../domain/dispatch/optimise-route';
import type { DayRouteInput } from '../domain/dispatch/route-input';
import type { OptimiserErrorReason, OptimiserOptions, OptimiserRequest, OptimiserResponse } from './optimiser-protocol';

export type OptimiserClientErrorReason = OptimiserErrorReason | 'closed';

export class OptimiserError extends Error {
  override readonly name = 'OptimiserError';
  constructor(
    readonly reason: OptimiserClientErrorReason,
    message: string
  ) {
    super(message);
  }
}

/** The part of Worker / MessagePort the client needs. */
export interface OptimiserEndpoint {
  postMessage(message: OptimiserRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
  terminate?(): void;
  close?(): void;
}

export class OptimiserClient {
  #endpoint: OptimiserEndpoint;
  #nextId = 1;
  #pending = new Map<number, { resolve: (route: DayRoute) => void; reject: (error: OptimiserError) => void }>();
  #closed = false;

  constructor(endpoint: OptimiserEndpoint) {
    this.#endpoint = endpoint;
    endpoint.addEventListener('message', this.#onMessage);
    endpoint.start?.();
  }

  /** Optimises one technician's day in the worker. */
  optimise(input: DayRouteInput, options?: OptimiserOptions): Promise<DayRoute> {
    if (this.#closed) return Promise.reject(new OptimiserError('closed', 'The route optimiser was closed.'));
    const id = this.#nextId++;
    return new Promise<DayRoute>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#endpoint.postMessage({ id, type: 'optimise', input, ...(options ? { options } : {}) });
    });
  }

  /** Stops the worker; requests still in flight reject with reason 'closed'. */
  destroy(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#endpoint.removeEventListener('message', this.#onMessage);
    this.#endpoint.terminate?.();
    this.#endpoint.close?.();
    for (const { reject } of this.#pending.values()) reject(new OptimiserError('closed', 'The route optimiser was closed.'));
    this.#pending.clear();
  }

  #onMessage = (event: MessageEvent) => {
    const response = event.data as OptimiserResponse; // produced by our own worker code
    if (response.id === null) return; // a request we never sent; nothing waits for it
    const waiting = this.#pending.get(response.id);
    if (!waiting) return;
    this.#pending.delete(response.id);
    if (response.ok) waiting.resolve(response.result);
    else waiting.reject(new OptimiserError(response.error.reason, response.error.message));
  };
}

/** The app's client: a module worker bundled by Vite, created on first use by the caller. */
export function createOptimiserClient(): OptimiserClient {
  return new OptimiserClient(new Worker(new URL('./optimiser.worker.ts', import.meta.url), { type: 'module' }));
}
