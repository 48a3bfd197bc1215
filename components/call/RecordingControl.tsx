'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { requestFailedNotice } from '@/lib/call/requestNotice';
import { can } from '@/lib/meetings/permissions';
import { callActions, useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';

/** Start / stop recording, for the host and co-hosts of a hosted meeting. */
export function RecordingControl() {
  const t = useTranslations('call');
  const controller = useCallController();
  const recording = useCallStore((s) => s.meeting.recording);
  const allowed = useCallStore((s) => s.meeting.hosted && can(s.local.role, 'record'));
  const [busy, setBusy] = useState(false);
  if (!allowed) return null;
  const label = recording ? t('stopRecording') : t('startRecording');

  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await controller.client.control(recording ? 'stopRecording' : 'startRecording', {});
    } catch (err) {
      callActions.notify('error', requestFailedNotice(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={recording}
      title={label}
      disabled={busy}
      onClick={() => void toggle()}
      data-testid="recording-control"
      className={`flex h-12 min-w-12 items-center justify-center gap-2 rounded-full px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:opacity-40 ${
        recording ? 'bg-red-700 hover:bg-red-600' : 'bg-neutral-800 hover:bg-neutral-700'
      }`}
    >
      <span
        aria-hidden="true"
        className={recording ? 'size-3 rounded-sm bg-white' : 'size-3 rounded-full bg-red-500'}
      />
      <span className="hidden sm:inline">{recording ? t('stop') : t('record')}</span>
    </button>
  );
}
