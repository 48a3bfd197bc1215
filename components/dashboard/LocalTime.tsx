'use client';

import { useSyncExternalStore } from 'react';
import { useFormatter } from 'next-intl';

const subscribe = () => () => {};

/**
 * A moment in the viewer's time zone, in the page's language. The server does not know the zone,
 * so it renders UTC, and the browser switches to local time right after hydration.
 */
export function LocalTime({ ms }: { ms: number }) {
  const format = useFormatter();
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(ms);
  const text = inBrowser
    ? format.dateTime(date, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      })
    : `${format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
  return <time dateTime={date.toISOString()}>{text}</time>;
}
