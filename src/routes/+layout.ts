import { z } from 'zod';

// Client-only SPA: the relay serves build/index.html for every path and the router takes over.
export const ssr = false;
export const prerender = false;

// zod probes `new Function` once to pick a faster parser; our CSP forbids eval, so tell it
// not to try (otherwise every page load reports a CSP violation).
z.config({ jitless: true });
