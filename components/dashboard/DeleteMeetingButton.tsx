'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { deleteMeetingAction } from '@/lib/meetings/dashboardActions';
import { INITIAL_DELETE_STATE } from '@/lib/meetings/dashboardForms';
import { FormError } from '@/components/ui/FormError';
import { dangerButton, smallButton } from '@/components/ui/buttonStyles';

/** "Delete", then an inline confirmation before the meeting (and its history) is deleted. */
export function DeleteMeetingButton({ meetingId, title }: { meetingId: string; title: string }) {
  const t = useTranslations('dashboard');
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(deleteMeetingAction, INITIAL_DELETE_STATE);

  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className={`${smallButton} text-red-300`}
        aria-label={t('deleteNamed', { title })}
      >
        {t('delete')}
      </button>
    );
  }
  return (
    <form
      action={action}
      className="flex basis-full flex-wrap items-center gap-2 rounded-lg bg-red-950/40 p-2 ring-1 ring-red-900"
    >
      <input type="hidden" name="meetingId" value={meetingId} />
      <p className="text-sm text-red-200">{t('deleteConfirm')}</p>
      <div className="ml-auto flex gap-2">
        <button type="submit" disabled={pending} className={dangerButton}>
          {pending ? t('deleting') : t('deleteYes')}
        </button>
        <button type="button" autoFocus onClick={() => setConfirming(false)} className={smallButton}>
          {t('cancel')}
        </button>
      </div>
      <FormError reserve={false} message={state.error} className="basis-full empty:-mt-2" />
    </form>
  );
}
