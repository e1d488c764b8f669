import { redirect } from '@sveltejs/kit';
import { homeFor, isPhoneLayout } from '$lib/components/shell/auth-routes';
import { session } from '$lib/state/session.svelte';

// The app's start page (also the installed app's): the role's home — "My day" for a technician
// on a phone, else the board. Keep the fragment so a `/#token=…` sign-in link still works.
export function load() {
  redirect(307, `${homeFor(session.claims?.role, isPhoneLayout())}${location.hash}`);
}
