/**
 * Web Worker running the route optimiser off the main thread, so a 40-stop day (or a slow
 * device) never freezes the UI. All logic is in optimiser-protocol.ts (unit tested).
 */
import { handleOptimiserRequest } from './optimiser-protocol';

self.addEventListener('message', (event: MessageEvent) => {
  self.postMessage(handleOptimiserRequest(event.data));
});
