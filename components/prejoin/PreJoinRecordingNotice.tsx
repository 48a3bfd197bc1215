'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { RecordingBadge } from '@/components/call/RecordingIndicator';

const POLL_MS = 10_000;

/** Tells people before they join that the meeting is being recorded (checked every 10 s). */
export function PreJoinRecordingNotice({ meetingId }: { meetingId: string }) {
  const t = useTranslations('call');
  const [recording, setRecording] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const check = () =>
      fetch(`/api/meetings/${encodeURIComponent(meetingId)}/recording`, { cache: 'no-store' })
        .then((res) => (res.ok ? (res.json() as Promise<{ recording?: unknown }>) : null))
        .then((body) => {
          if (!cancelled && body) setRecording(body.recording === true);
        })
        .catch(() => undefined);
    void check();
    const timer = setInterval(() => void check(), POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [meetingId]);
  if (!recording) return null;
  return (
    <p className="flex items-center gap-2 text-sm text-red-200" role="status">
      <RecordingBadge />
      <span>{t('recordingConsent')}</span>
    </p>
  );
}
