/**
 * Calls an admin API with the session's access token; an expired token is refreshed once and
 * the call retried. Shared by the admin screens (users, history).
 */
import { isApiRequestError } from '../api/api-error';
import { session } from './session.svelte';

export async function authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = session.token;
  if (!token) throw new Error('not signed in');
  try {
    return await call(token);
  } catch (error) {
    if (!(isApiRequestError(error) && error.is('unauthorized'))) throw error;
    if ((await session.refresh()) !== 'refreshed' || !session.token) throw error;
    return call(session.token);
  }
}
