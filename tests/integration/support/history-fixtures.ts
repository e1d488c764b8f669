/**
 * Shared by the history tests on one relay (relay-history.test.ts) and on two instances
 * (scale-out-history.test.ts): an organisation with an admin and three members, the jobs as
 * the app writes them, and the admin's history API calls.
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { z } from 'zod';
import { HISTORY_PATHS, historyPageSchema, type HistoryEntry } from '../../../src/lib/domain/history/history-schemas';
import type { ApiClient } from '../../helpers/api-client';

export const HISTORY_PASSWORD = 'correct horse battery';

export interface Member {
  id: string;
  name: string;
  token: string;
}

export type MemberKey = 'bob' | 'cara' | 'dan';

/** Sets the org up (admin Ada) and creates Bob (dispatcher), Cara (technician) and Dan (dispatcher), each signed in. */
export async function setUpMembers(api: ApiClient): Promise<{ admin: Member; members: Record<MemberKey, Member> }> {
  const setup = await api.setup();
  expect(setup.status).toBe(201);
  const admin = { id: setup.body?.user.id as string, name: 'Ada Admin', token: setup.body?.accessToken as string };
  const members = {} as Record<MemberKey, Member>;
  const people = [
    ['bob', 'Bob Dispatch', 'dispatcher'],
    ['cara', 'Cara Tech', 'technician'],
    ['dan', 'Dan Dispatch', 'dispatcher']
  ] as const;
  for (const [key, name, role] of people) {
    const email = `${key}@acme.test`;
    const created = await api.createUser(admin.token, { email, name, role, password: HISTORY_PASSWORD });
    expect(created.status).toBe(201);
    const session = await api.login({ org: 'acme', email, password: HISTORY_PASSWORD });
    members[key] = { id: created.body?.user.id as string, name, token: session.body?.accessToken as string };
  }
  return { admin, members };
}

/** Entity maps as the app writes them: one Y.Map per job, keyed by id. */
export function addJob(doc: Y.Doc, id: string, number: string, customerName: string): void {
  doc.getMap('jobs').set(id, new Y.Map<unknown>(Object.entries({ number, customerName, problem: 'no heat' })));
}

export function job(doc: Y.Doc, id: string): Record<string, unknown> | undefined {
  const entity = doc.getMap('jobs').get(id);
  return entity instanceof Y.Map ? (entity.toJSON() as Record<string, unknown>) : undefined;
}

export function jobsOf(doc: Y.Doc): Record<string, unknown> {
  return doc.getMap('jobs').toJSON();
}

/**
 * Bob adds three jobs, Cara adds one and edits Bob's first, Dan renames a customer; each
 * change is seen by every client (`settled`) before the next, so each is one stored row.
 */
export async function threeUsersEdit(
  docs: Record<MemberKey, Y.Doc>,
  settled: (check: (doc: Y.Doc) => boolean, what: string) => Promise<void>
): Promise<void> {
  const { bob, cara, dan } = docs;
  bob.transact(() => {
    addJob(bob, 'job-1', 'J-BOB1-0001', 'Ms Alder');
    addJob(bob, 'job-2', 'J-BOB1-0002', 'Mr Birch');
    addJob(bob, 'job-3', 'J-BOB1-0003', 'Dr Cedar');
  });
  await settled((d) => d.getMap('jobs').size === 3, 'Bob’s jobs');
  cara.transact(() => {
    addJob(cara, 'job-4', 'J-CARA-0001', 'Mrs Dogwood');
    (cara.getMap('jobs').get('job-1') as Y.Map<unknown>).set('problem', 'boiler leaks');
  });
  await settled((d) => d.getMap('jobs').size === 4, 'Cara’s job');
  dan.transact(() => (dan.getMap('jobs').get('job-2') as Y.Map<unknown>).set('customerName', 'Mr Birch-Elm'));
  await settled((d) => job(d, 'job-2')?.customerName === 'Mr Birch-Elm', 'Dan’s edit');
}

/** The history after threeUsersEdit: one row per user, newest first, under the user the relay authenticated. */
export function expectThreeEditors(entries: readonly HistoryEntry[], members: Record<MemberKey, Member>): void {
  const { bob, cara, dan } = members;
  expect(entries.map((e) => [e.userId, e.userName, e.action])).toEqual([
    [dan.id, dan.name, 'edit'],
    [cara.id, cara.name, 'edit'],
    [bob.id, bob.name, 'edit']
  ]);
  expect(entries.every((e) => e.bytes > 0)).toBe(true);
}

/** Deletes every job (a wipe; the relay must run with ROOM_GUARD=off to take it). */
export function wipeJobs(doc: Y.Doc): void {
  doc.transact(() => {
    const jobs = doc.getMap('jobs');
    for (const id of [...jobs.keys()]) jobs.delete(id);
  });
}

/** The admin's history calls against one relay. */
export function adminHistory(api: ApiClient, admin: Member) {
  const get = <T>(path: string, schema: z.ZodType<T>) => api.call('GET', path, schema, undefined, admin.token);
  const post = <T>(path: string, schema: z.ZodType<T>, body: unknown) => api.call('POST', path, schema, body, admin.token);
  const list = async (limit = 50): Promise<HistoryEntry[]> => {
    const page = await get(`${HISTORY_PATHS.list}?doc=board&limit=${limit}`, historyPageSchema);
    expect(page.status).toBe(200);
    return page.body?.entries ?? [];
  };
  return { get, post, list };
}
