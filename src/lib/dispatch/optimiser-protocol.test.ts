import { afterEach, describe, expect, it } from 'vitest';
import { handleOptimiserRequest } from './optimiser-protocol';
import { OptimiserClient, OptimiserError } from './optimiser-client';
import type { DayRouteInput } from '../domain/dispatch/route-input';

// Stops along one street heading north, the day ending at the shop further north: the only
// order without doubling back is near → far → farther.
const north = (lat: number) => ({ lat, lng: -122.4194 });
const home = north(37.77);
const day: DayRouteInput = {
  shift: { start: '2026-03-02T16:00:00.000Z', end: '2026-03-03T01:00:00.000Z', from: home, to: north(37.83) },
  visits: [
    { id: 'far', location: north(37.8), serviceMinutes: 30 },
    { id: 'near', location: north(37.78), serviceMinutes: 30 },
    { id: 'farther', location: north(37.82), serviceMinutes: 30 }
  ]
};

describe('optimiser worker protocol', () => {
  it('answers an optimise request with the route, under the same id', () => {
    const response = handleOptimiserRequest({ id: 7, type: 'optimise', input: day, options: { seed: 3 } });
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    expect(response.id).toBe(7);
    expect(response.result.method).toBe('exact');
    expect(response.result.order).toEqual(['near', 'far', 'farther']);
    expect(response.result.savedMinutes).toBeGreaterThan(0);
  });

  it('uses the travel parameters sent with the request', () => {
    const slow = handleOptimiserRequest({ id: 1, type: 'optimise', input: day, options: { travel: { speedKmh: 5 } } });
    const fast = handleOptimiserRequest({ id: 2, type: 'optimise', input: day, options: { travel: { speedKmh: 50 } } });
    if (!slow.ok || !fast.ok) throw new Error('expected both to succeed');
    expect(slow.result.driveMinutes).toBeGreaterThan(fast.result.driveMinutes);
  });

  it('turns bad input into a typed error response instead of throwing', () => {
    const response = handleOptimiserRequest({ id: 3, type: 'optimise', input: { ...day, visits: [{ id: 'x', location: home, serviceMinutes: -5 }] } });
    expect(response).toMatchObject({ id: 3, ok: false, error: { reason: 'invalid-input' } });
    if (response.ok) return;
    expect(response.error.message).toMatch(/visits\.0\.serviceMinutes/);
  });

  it('answers a malformed request with its id when it has one, else null', () => {
    expect(handleOptimiserRequest({ id: 4, type: 'paint' })).toMatchObject({ id: 4, ok: false, error: { reason: 'invalid-request' } });
    expect(handleOptimiserRequest('hello')).toMatchObject({ id: null, ok: false, error: { reason: 'invalid-request' } });
    expect(handleOptimiserRequest({ id: 5, type: 'optimise', input: day, options: { exactLimit: 99 } })).toMatchObject({ id: 5, ok: false, error: { reason: 'invalid-request' } });
  });
});

describe('OptimiserClient over a real MessageChannel (structured clone, async delivery)', () => {
  let channel: MessageChannel;
  let client: OptimiserClient;
  afterEach(() => {
    client.destroy();
    channel.port2.close();
  });
  const connect = () => {
    channel = new MessageChannel();
    channel.port2.addEventListener('message', (event) => channel.port2.postMessage(handleOptimiserRequest(event.data)));
    channel.port2.start();
    client = new OptimiserClient(channel.port1);
  };

  it('resolves concurrent requests with their own results', async () => {
    connect();
    const reversed = { ...day, visits: [...day.visits].reverse() };
    const [a, b] = await Promise.all([client.optimise(day), client.optimise({ ...reversed, visits: reversed.visits.slice(0, 1) })]);
    expect(a.order).toEqual(['near', 'far', 'farther']);
    expect(b.order).toEqual(['farther']);
  });

  it('rejects with the typed reason for bad input', async () => {
    connect();
    const error = await client.optimise({ ...day, visits: [day.visits[0]!, day.visits[0]!] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptimiserError);
    expect(error).toMatchObject({ reason: 'invalid-input', message: 'visits: duplicate visit id far' });
  });

  it('rejects requests in flight and later ones once destroyed', async () => {
    connect();
    const inFlight = client.optimise(day);
    client.destroy();
    await expect(inFlight).rejects.toMatchObject({ reason: 'closed' });
    await expect(client.optimise(day)).rejects.toMatchObject({ reason: 'closed' });
  });
});
