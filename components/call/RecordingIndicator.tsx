'use client';

import { useTranslations } from 'next-intl';
import { useCallStore } from '@/lib/store/callStore';

/** A red "Recording" badge shown to everyone while the meeting is being recorded. */
export function RecordingIndicator() {
  const recording = useCallStore((s) => s.meeting.recording);
  if (!recording) return null;
  return <RecordingBadge />;
}

/** The badge itself (also shown on the pre-join screen). */
export function RecordingBadge({ label }: { label?: string }) {
  const t = useTranslations('call');
  return (
    <span
      data-testid="recording-indicator"
      title={t('recordingTitle')}
      className="inline-flex items-center gap-1.5 rounded-full bg-red-950/80 px-2.5 py-0.5 text-xs font-semibold text-red-200 ring-1 ring-red-800"
    >
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-red-500" />
      {label ?? t('recordingBadge')}
    </span>
  );
}
