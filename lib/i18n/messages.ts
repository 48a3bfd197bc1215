/** The message catalogues, one JSON file per language under messages/. */
import type { Locale } from './locales';
import type en from '@/messages/en.json';

export type Messages = typeof en;
export type Namespace = keyof Messages;

export async function loadMessages(locale: Locale): Promise<Messages> {
  return ((await import(`../../messages/${locale}.json`)) as { default: Messages }).default;
}

/** Only the namespaces a route's client components use: the rest stays on the server. */
export function pickNamespaces(messages: Messages, namespaces: readonly Namespace[]): Partial<Messages> {
  return Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]]));
}
