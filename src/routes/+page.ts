import { redirect } from '@sveltejs/kit';

// `/board` is the canonical home. Keep the fragment so a `/#token=…` sign-in link still works.
export function load() {
  redirect(307, `/board${location.hash}`);
}
