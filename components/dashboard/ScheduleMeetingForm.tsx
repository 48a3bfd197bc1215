'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field } from '@/components/ui/Field';
import { scheduleMeetingAction } from '@/lib/meetings/dashboardActions';
import { INITIAL_SCHEDULE_STATE, TITLE_MAX_LENGTH } from '@/lib/meetings/dashboardForms';
import { FormError } from '@/components/ui/FormError';
import { primaryButton } from '@/components/ui/buttonStyles';

/** A title and a date/time (read in the browser's time zone, checked on the server). */
export function ScheduleMeetingForm() {
  const t = useTranslations('dashboard');
  const [state, dispatch, pending] = useActionState(scheduleMeetingAction, INITIAL_SCHEDULE_STATE);

  function submit(form: FormData) {
    // A datetime-local value has no zone: tell the server this browser's offset at that date.
    const when = form.get('when');
    const date = typeof when === 'string' && when !== '' ? new Date(when) : null;
    if (date && !Number.isNaN(date.getTime())) form.set('tzOffset', String(date.getTimezoneOffset()));
    dispatch(form);
  }

  return (
    <form action={submit} className="flex flex-col gap-4">
      <Field
        id="schedule-title"
        name="title"
        label={t('scheduleTitle')}
        required
        maxLength={TITLE_MAX_LENGTH}
        autoComplete="off"
        defaultValue={state.title}
      />
      <Field
        id="schedule-when"
        name="when"
        type="datetime-local"
        label={t('scheduleWhen')}
        required
        defaultValue={state.when}
      />
      <div className="flex flex-col gap-2">
        <FormError reserve={false} message={state.error} />
        <div role="status" className="sr-only">
          {state.scheduledId ? t('scheduled') : ''}
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? t('scheduling') : t('schedule')}
        </button>
      </div>
    </form>
  );
}
