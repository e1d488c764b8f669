import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      // 'prompt': a new deployment is offered as "update available" instead of reloading open tabs.
      registerType: 'prompt',
      injectRegister: false,
      // SvelteKit builds with a relative base ('./'), which made the worker's URL relative to
      // the first page: a first visit to /settings/users registered /settings/sw.js (404) and
      // that device had no offline app. The worker lives at the root and controls every path.
      base: '/',
      buildBase: '/',
      scope: '/',
      manifest: {
        name: 'Fieldboard',
        short_name: 'Fieldboard',
        description: 'Local-first service-order board for field-service contractors',
        theme_color: '#1f4e79',
        background_color: '#f3f5f8',
        display: 'standalone',
        id: '/',
        // The root redirects by role: technicians on a phone open on "My day" (src/routes/+page.ts).
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
        ]
      },
      workbox: {
        globPatterns: ['client/**/*.{js,mjs,css,ico,png,svg,webp,woff,woff2,webmanifest}', 'prerendered/**/*.html'],
        // The offline basemap has its own runtime cache (below), filled on the first map visit.
        globIgnores: ['client/basemap/**'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // adapter-static writes the SPA shell as build/index.html; every navigation (any path,
        // online or not) is answered with it from the precache, and the router takes over.
        navigateFallback: 'index.html',
        // The relay and API are never answered from the cache.
        navigateFallbackDenylist: [/^\/sync/, /^\/api\//, /^\/healthz/, /^\/metrics/],
        cleanupOutdatedCaches: true,
        // Basemap files (src/lib/components/map/basemap-files.ts; its BASEMAP_CACHE is this cache
        // name, kept literal here and checked by its test): answered from the cache once stored,
        // byte ranges included (PMTiles reads the archive by range; the range plugin slices the
        // stored whole file). Only whole 200 answers are stored, never a 206.
        runtimeCaching: [
          {
            // Serialised into sw.js, so no outside names: the literal is BASEMAP_PATH (a RegExp
            // pattern would be matched against the whole URL, origin included).
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/basemap/'),
            handler: 'CacheFirst',
            options: { cacheName: 'fieldboard-basemap-v1', rangeRequests: true, cacheableResponse: { statuses: [200] } }
          }
        ]
      },
      // Precache the adapter's fallback page as `index.html` (revisioned by the build's version.json).
      kit: { adapterFallback: 'index.html', spa: { fallbackMapping: 'index.html' } },
      devOptions: { enabled: false }
    })
  ],
  server: {
    port: 5173,
    // `npm run dev` talks to a relay started separately with `npm start` (default port 8787).
    proxy: {
      '/sync': { target: 'http://127.0.0.1:8787', ws: true },
      '/api': { target: 'http://127.0.0.1:8787' },
      '/healthz': { target: 'http://127.0.0.1:8787' }
    }
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Groups run one after another (2 cores): unit, then relay integration, then browsers.
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'tests/clock.test.ts', 'bench/**/*.test.ts'],
          environment: 'node'
        }
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          // Builds the app first when build/index.html is missing.
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Fails a test when any browser logged a console error (tests/e2e/console-guard.ts).
          setupFiles: ['tests/e2e/console-guard-setup.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000
        }
      }
    ],
    reporters: ['default', './tests/summary-reporter.ts']
  }
});
