'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { useNoticeText } from '@/hooks/useNoticeText';
import { callActions, useCallStore } from '@/lib/store/callStore';
import { WaitingNotices } from './WaitingNotices';

const INFO_MS = 6_000;

/** Toasts for what happens during the call; info notices fade on their own, errors stay. */
export function Notices() {
  const t = useTranslations('call');
  const say = useNoticeText();
  const notices = useCallStore((s) => s.notices);
  useEffect(() => {
    const timers = notices
      .filter((n) => n.kind !== 'error')
      .map((n) => setTimeout(() => callActions.dismiss(n.id), n.kind === 'info' ? INFO_MS : INFO_MS * 2));
    return () => timers.forEach(clearTimeout);
  }, [notices]);
  return (
    <div className="pointer-events-none absolute inset-x-0 top-3 z-40 flex flex-col items-center gap-2 px-3">
      <WaitingNotices />
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.kind === 'error' ? 'alert' : 'status'}
          className={`pointer-events-auto flex max-w-lg items-start gap-3 rounded-lg px-4 py-2.5 text-sm shadow-lg ${
            n.kind === 'error' ? 'bg-red-700' : n.kind === 'warning' ? 'bg-amber-700' : 'bg-neutral-800'
          }`}
        >
          <span className="flex-1">{say(n.message)}</span>
          <button
            type="button"
            onClick={() => callActions.dismiss(n.id)}
            aria-label={t('dismiss')}
            className="rounded px-1 font-bold opacity-80 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-white"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
