/**
 * The route optimiser's worker message protocol, as pure functions so it is tested without a
 * browser: the worker file only wires `handleOptimiserRequest` to `onmessage`.
 *
 * Request  { id, type: 'optimise', input: DayRouteInput, options? }
 * Response { id, ok: true, result: DayRoute } | { id, ok: false, error: { reason, message } }
 * `id` pairs a response with its request (several may be in flight). A request too malformed to
 * carry an id is answered with id null, so the client can still log it.
 */
import { z } from 'zod';
import { optimiseDay, type DayRoute } from '../domain/dispatch/optimise-route';
import { RouteInputError, type DayRouteInput } from '../domain/dispatch/route-input';
import { haversineTravel } from '../domain/dispatch/travel-time';

/** Options that survive structured cloning (no functions): the travel model by its parameters. */
export const optimiserOptionsSchema = z
  .object({
    seed: z.number().int().optional(),
    restarts: z.number().int().min(0).max(1000).optional(),
    exactLimit: z.number().int().min(0).max(14).optional(),
    travel: z
      .object({ detourFactor: z.number().min(1).max(5).optional(), speedKmh: z.number().positive().max(200).optional(), overheadMinutes: z.number().min(0).max(120).optional() })
      .optional()
  })
  .strict();
export type OptimiserOptions = z.infer<typeof optimiserOptionsSchema>;

const requestSchema = z.object({
  id: z.number().int(),
  type: z.literal('optimise'),
  input: z.unknown(),
  options: optimiserOptionsSchema.optional()
});

export interface OptimiserRequest {
  id: number;
  type: 'optimise';
  input: DayRouteInput;
  options?: OptimiserOptions;
}

export type OptimiserErrorReason = 'invalid-request' | 'invalid-input' | 'failed';

export type OptimiserResponse =
  | { id: number; ok: true; result: DayRoute }
  | { id: number | null; ok: false; error: { reason: OptimiserErrorReason; message: string } };

/** Runs one request to completion; never throws (every failure becomes an error response). */
export function handleOptimiserRequest(data: unknown): OptimiserResponse {
  const request = requestSchema.safeParse(data);
  if (!request.success) {
    const id = typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'number' ? data.id : null;
    const message = request.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('\n');
    return { id, ok: false, error: { reason: 'invalid-request', message } };
  }
  const { id, input, options = {} } = request.data;
  try {
    const result = optimiseDay(input as DayRouteInput, { ...options, travel: haversineTravel(options.travel) });
    return { id, ok: true, result };
  } catch (error) {
    const reason: OptimiserErrorReason = error instanceof RouteInputError ? 'invalid-input' : 'failed';
    return { id, ok: false, error: { reason, message: error instanceof Error ? error.message : String(error) } };
  }
}
