// Client-only SPA: the relay serves build/index.html for every path and the router takes over.
export const ssr = false;
export const prerender = false;
