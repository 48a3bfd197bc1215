'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};
const UTC = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * A moment in the viewer's time zone and locale. The server does not know them, so it renders
 * UTC, and the browser switches to local time right after hydration.
 */
export function LocalTime({ ms }: { ms: number }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(ms);
  const text = inBrowser
    ? date.toLocaleString(undefined, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      })
    : `${UTC.format(date)} UTC`;
  return <time dateTime={date.toISOString()}>{text}</time>;
}
