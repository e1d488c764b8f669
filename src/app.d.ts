// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    // No App.Error/Locals/PageData/Platform: the app is a client-only SPA with no server load.
  }
}

export {};
