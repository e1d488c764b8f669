import { describe, expect, it } from 'vitest';
import { parseRoomName } from './protocol';

describe('parseRoomName', () => {
  it('parses an organisation and a known document', () => {
    expect(parseRoomName('acme-hvac/board')).toEqual({ org: 'acme-hvac', doc: 'board', id: 'acme-hvac/board' });
    expect(parseRoomName('acme/archive-2025-01')?.doc).toBe('archive-2025-01');
  });

  it('refuses traversal, unknown docs, upper case and extra segments', () => {
    for (const bad of ['../board', 'acme/../board', 'acme/boards', 'ACME/board', 'acme/board/x', '/board', 'acme/', '-x/board']) {
      expect(parseRoomName(bad)).toBeNull();
    }
  });
});
