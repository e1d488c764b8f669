import { redirect } from '@sveltejs/kit';

// Jobs live on the board; a job's own page is /jobs/<id>.
export function load() {
  redirect(307, '/board');
}
