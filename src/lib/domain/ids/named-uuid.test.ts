import { describe, expect, it } from 'vitest';
import { namedUuid } from './named-uuid';

describe('namedUuid', () => {
  it('gives the same UUID-shaped id for the same name and different ids for different names', () => {
    const a = namedUuid('quote-job:q1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(namedUuid('quote-job:q1')).toBe(a);
    expect(namedUuid('quote-job:q2')).not.toBe(a);
  });
});
