'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { SystemEvent } from '@/lib/store/callStore';

/** Words the app's own chat lines and announcements in the reader's language. */
export function useSystemText(): (event: SystemEvent) => string {
  const t = useTranslations('call');
  return useCallback(
    (event: SystemEvent) => {
      switch (event.kind) {
        case 'joined':
          return t('systemJoined', { name: event.name });
        case 'left':
          return t('systemLeft', { name: event.name });
        case 'handRaised':
          return t('systemHandRaised', { name: event.name });
        case 'says':
          return t('systemSays', { name: event.name, text: event.text });
        case 'waiting':
          return t('systemWaiting', { names: event.names });
        case 'admitted':
          return t('systemAdmitted');
      }
    },
    [t],
  );
}
