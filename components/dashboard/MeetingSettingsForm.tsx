'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import type { MeetingSettings } from '@/lib/db/meetings';
import { updateSettingsAction } from '@/lib/meetings/dashboardActions';
import { INITIAL_SETTINGS_STATE, MAX_PARTICIPANTS, MIN_PARTICIPANTS } from '@/lib/meetings/dashboardForms';
import { FormError } from '@/components/ui/FormError';
import { smallButton } from '@/components/ui/buttonStyles';

function Toggle({
  id,
  name,
  label,
  hint,
  checked,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  checked: boolean;
}) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={checked}
        aria-describedby={`${id}-hint`}
        className="mt-0.5 size-4 shrink-0 accent-sky-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-neutral-200">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-neutral-400">
          {hint}
        </p>
      </div>
    </div>
  );
}

/** The host's settings of one meeting, saved by a server action. */
export function MeetingSettingsForm({
  meetingId,
  settings,
}: {
  meetingId: string;
  settings: MeetingSettings;
}) {
  const t = useTranslations('dashboard');
  const id = useId();
  const [state, action, pending] = useActionState(updateSettingsAction, INITIAL_SETTINGS_STATE);
  // After a submit React resets the form to these defaults: show what was submitted.
  const values = state.submitted ?? { ...settings, maxParticipants: String(settings.maxParticipants) };
  return (
    <form action={action} className="flex flex-col gap-4 pt-3">
      <input type="hidden" name="meetingId" value={meetingId} />
      <Toggle
        id={`${id}-waiting`}
        name="waitingRoom"
        label={t('waitingRoom')}
        hint={t('waitingRoomHint')}
        checked={values.waitingRoom}
      />
      <Toggle
        id={`${id}-locked`}
        name="locked"
        label={t('lock')}
        hint={t('lockHint')}
        checked={values.locked}
      />
      <Toggle
        id={`${id}-share`}
        name="guestsCanShare"
        label={t('guestsShare')}
        hint={t('guestsShareHint')}
        checked={values.guestsCanShare}
      />
      <Toggle
        id={`${id}-record`}
        name="allowRecording"
        label={t('allowRecording')}
        hint={t('allowRecordingHint')}
        checked={values.allowRecording}
      />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-max`} className="text-sm font-medium text-neutral-200">
          {t('maxParticipants')}
        </label>
        <input
          id={`${id}-max`}
          name="maxParticipants"
          type="number"
          inputMode="numeric"
          min={MIN_PARTICIPANTS}
          max={MAX_PARTICIPANTS}
          step={1}
          required
          defaultValue={values.maxParticipants}
          aria-describedby={`${id}-max-hint`}
          className="w-28 rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2 focus:border-sky-500 focus:outline-none"
        />
        <p id={`${id}-max-hint`} className="text-xs text-neutral-400">
          {t('maxParticipantsHint', { min: MIN_PARTICIPANTS, max: MAX_PARTICIPANTS })}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <FormError reserve={false} message={state.error} className="basis-full empty:-mb-2" />
        <button type="submit" disabled={pending} className={`${smallButton} text-sky-400`}>
          {pending ? t('saving') : t('saveSettings')}
        </button>
        <p role="status" className="text-sm text-emerald-400">
          {state.saved && !pending ? t('saved') : ''}
        </p>
      </div>
    </form>
  );
}
