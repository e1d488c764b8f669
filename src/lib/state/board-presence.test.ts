import { describe, expect, it } from 'vitest';
import type { PresencePeer } from '../sync/presence';
import { jobWatchers, onlineUsers } from './board-presence';

let clientId = 0;
const peer = (userId: string, extra: Partial<PresencePeer> = {}): PresencePeer => ({
  clientId: ++clientId,
  self: false,
  user: { id: userId, name: userId.toUpperCase(), color: '#123456', role: 'dispatcher' },
  path: '/board',
  jobId: null,
  mode: null,
  ...extra
});

describe('board presence', () => {
  it("lists other people on each job once, editing winning over viewing, without this user's tabs", () => {
    const peers = [peer('ann', { jobId: 'j1', mode: 'viewing' }), peer('ann', { jobId: 'j1', mode: 'editing' }), peer('bob', { jobId: 'j1', mode: 'viewing' }), peer('me', { jobId: 'j1', mode: 'editing' }), peer('cy', { jobId: 'j2', mode: null })];
    const watchers = jobWatchers(peers, 'me');
    expect([...watchers.keys()]).toEqual(['j1']);
    expect(watchers.get('j1')!.map((w) => [w.userId, w.mode])).toEqual([['ann', 'editing'], ['bob', 'viewing']]);
  });

  it('lists everyone online once with their tab count, this user first', () => {
    const users = onlineUsers([peer('zed'), peer('amy'), peer('me', { self: true }), peer('amy')]);
    expect(users.map((u) => [u.id, u.self, u.clients])).toEqual([['me', true, 1], ['amy', false, 2], ['zed', false, 1]]);
  });
});
