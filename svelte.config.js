import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Client-only SPA: every unknown path falls back to index.html and the router takes over.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: false, strict: true }),
    // vite-plugin-pwa generates and registers the service worker (see vite.config.ts).
    serviceWorker: { register: false },
    version: { pollInterval: 0 }
  }
};

export default config;
