import { describe, expect, it } from 'vitest';
import { Random, hashString, mulberry32, seededUuid } from './prng';

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('gives forked streams that do not shift when the parent draws more', () => {
    const quiet = new Random(9);
    const busy = new Random(9);
    busy.float();
    busy.float();
    expect(busy.fork('techs').int(0, 1_000_000)).toBe(quiet.fork('techs').int(0, 1_000_000));
    expect(quiet.fork('techs').float()).not.toBe(quiet.fork('jobs').float());
  });

  it('draws integers inside the bounds and weighted picks in proportion', () => {
    const random = new Random(5);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++) {
      const n = random.int(3, 7);
      expect(n >= 3 && n <= 7).toBe(true);
      counts[random.weighted<'a' | 'b'>([['a', 3], ['b', 1]])]++;
    }
    expect(counts.a / 4000).toBeGreaterThan(0.7);
    expect(counts.a / 4000).toBeLessThan(0.8);
  });

  it('shuffles into a permutation of the input', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Random(1).shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });

  it('derives UUID-v4-shaped ids from seed and key alone', () => {
    const id = seededUuid(42, 'job:3600298');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededUuid(42, 'job:3600298')).toBe(id);
    expect(seededUuid(43, 'job:3600298')).not.toBe(id);
    expect(seededUuid(42, 'job:3600299')).not.toBe(id);
  });

  it('hashes strings the same way everywhere (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
