/**
 * End-to-end tests drive and inspect the call through `window.__callClient` (stats, state).
 * Exposing it is harmless: it holds nothing the page's own scripts could not reach anyway.
 */
import type { CallClient } from './CallClient';

declare global {
  interface Window {
    __callClient?: CallClient;
  }
}

export function exposeCallClient(client: CallClient | null): void {
  if (typeof window === 'undefined') return;
  if (client) window.__callClient = client;
  else delete window.__callClient;
}
