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
      manifest: {
        name: 'Fieldboard',
        short_name: 'Fieldboard',
        description: 'Local-first service-order board for field-service contractors',
        theme_color: '#1f4e79',
        background_color: '#f5f7fa',
        display: 'standalone',
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
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/',
        // The relay and API are never answered from the cache.
        navigateFallbackDenylist: [/^\/sync/, /^\/api\//, /^\/healthz/, /^\/metrics/],
        cleanupOutdatedCaches: true
      },
      kit: { spa: { fallbackMapping: 'index.html' } },
      devOptions: { enabled: false }
    })
  ],
  server: { port: 5173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node'
        }
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
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
