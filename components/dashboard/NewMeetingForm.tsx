'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { startMeetingAction } from '@/lib/meetings/dashboardActions';
import { INITIAL_START_STATE } from '@/lib/meetings/dashboardForms';
import { FormError } from '@/components/ui/FormError';
import { primaryButton } from '@/components/ui/buttonStyles';

/** Starts a meeting owned by the signed-in host right away and opens it. */
export function NewMeetingForm() {
  const t = useTranslations('dashboard');
  const [state, action, pending] = useActionState(startMeetingAction, INITIAL_START_STATE);
  return (
    <form action={action} className="flex flex-col gap-2">
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? t('starting') : t('newMeeting')}
      </button>
      <FormError reserve={false} message={state.error} className="empty:-mt-2" />
    </form>
  );
}
