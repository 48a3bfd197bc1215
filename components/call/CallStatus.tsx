'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { callStatus, RESUME_QUIET_MS } from '@/lib/call/callStatusText';
import { useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';

/** Whether the current `resuming` phase has lasted RESUME_QUIET_MS (a shorter blip shows nothing). */
function useResumeVisible(resuming: boolean): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!resuming) return;
    const timer = setTimeout(() => setVisible(true), RESUME_QUIET_MS);
    return () => {
      clearTimeout(timer);
      setVisible(false);
    };
  }, [resuming]);
  return resuming && visible;
}

/**
 * The call's own connection status in the header: "Joining…", "Reconnecting… attempt 3", "The
 * server is restarting. Reconnecting…". While the client is retrying on its own it offers
 * "Rejoin now" (skip the wait) and "Leave".
 */
export function CallStatus({ onLeave }: { onLeave: () => void }) {
  const t = useTranslations('call');
  const controller = useCallController();
  const callState = useCallStore((s) => s.callState);
  const recovery = useCallStore((s) => s.recovery);
  const resumeVisible = useResumeVisible(recovery.phase === 'resuming');
  const status = callStatus(callState, recovery, resumeVisible);

  return (
    <div className="ml-auto flex items-center gap-2">
      <span
        data-testid="call-status"
        data-state={callState}
        data-recovery={recovery.phase}
        role="status"
        className="text-amber-300"
      >
        {status.line && t(status.line.key, status.line.values)}
      </span>
      {status.recovering && (
        <>
          {status.canRetryNow && (
            <button
              type="button"
              onClick={() => controller.reconnectNow()}
              className="rounded-full bg-sky-500 px-3 py-1 text-xs font-semibold text-neutral-950 hover:bg-sky-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
            >
              {t('rejoinNow')}
            </button>
          )}
          <a
            href="/diagnostics"
            target="_blank"
            rel="noreferrer"
            className="text-xs text-sky-300 underline underline-offset-2 hover:text-sky-200"
          >
            {t('testConnection')}
          </a>
          <button
            type="button"
            onClick={onLeave}
            className="rounded-full px-3 py-1 text-xs ring-1 ring-neutral-600 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
          >
            {t('leave')}
          </button>
        </>
      )}
    </div>
  );
}
