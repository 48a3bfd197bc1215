'use client';

import { useSystemText } from '@/hooks/useSystemText';
import { useCallStore } from '@/lib/store/callStore';

/**
 * The call's polite live region: screen readers read out joins, leaves, raised hands, chat
 * messages, people waiting and being let in. Stays mounted from the waiting room into the call
 * so an admission is heard.
 */
export function LiveAnnouncer() {
  const announcement = useCallStore((s) => s.announcement);
  const say = useSystemText();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
      {announcement && <span key={announcement.id}>{say(announcement.event)}</span>}
    </div>
  );
}
