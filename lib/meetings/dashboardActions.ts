'use server';
/**
 * Server actions of the host dashboard. Each one reads the signed-in user again (a form can outlive
 * its session) and only touches meetings that user owns: the repository functions filter on
 * ownerId. CSRF: Next.js runs a server action only when the request's Origin matches its Host (see
 * lib/auth/actions.ts); keep experimental.serverActions.allowedOrigins unset.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/currentUser';
import { deleteMeeting, updateMeetingSettings } from '@/lib/db/meetings';
import { getDatabase } from '@/lib/db/globalDatabase';
import { loadConfig } from '@/lib/config';
import { formErrorText } from '@/lib/i18n/formErrorText';
import type { FormErrorKey } from '@/lib/i18n/formErrors';
import { createLogger, type Logger } from '@/lib/log';
import {
  SCHEDULE_FIELDS,
  SETTINGS_FIELDS,
  MEETING_FORM_LIMITS,
  formFields,
  parseMeetingIdField,
  parseScheduleForm,
  parseSettingsForm,
  submittedSettings,
  type DeleteMeetingState,
  type ScheduleFormState,
  type SettingsFormState,
  type StartMeetingState,
} from '@/lib/meetings/dashboardForms';
import { createMeetingWithFreshCode } from '@/lib/meetings/freshMeeting';
import { deleteMeetingWithRecordings } from '@/lib/recording/deleteRecordings';
import { storageFor } from '@/lib/recording/RecordingStorage';

const DASHBOARD = '/dashboard';
/** A form error in the visitor's language. */
const say = (key: FormErrorKey) => formErrorText(key, MEETING_FORM_LIMITS);

/** The signed-in user; a signed-out visitor is sent to sign in and back here. */
async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(DASHBOARD)}`);
  return user;
}

let log: Logger | undefined;
function logFailure(action: string, err: unknown): void {
  log ??= createLogger(loadConfig().logLevel).child({ component: 'dashboard' });
  log.error({ err, action }, 'dashboard action failed');
}

/** "New meeting": an owned meeting starting now, under a fresh code; opens it. */
export async function startMeetingAction(_previous: StartMeetingState): Promise<StartMeetingState> {
  const user = await requireUser();
  let code: string;
  try {
    const { db } = await getDatabase();
    code = (await createMeetingWithFreshCode(db, { ownerId: user.id })).id;
  } catch (err) {
    logFailure('start', err);
    return { error: await say('serverFailed') };
  }
  revalidatePath(DASHBOARD);
  redirect(`/m/${code}`);
}

/** "Schedule": an owned meeting with a title and a time in the future. */
export async function scheduleMeetingAction(
  _previous: ScheduleFormState,
  form: FormData,
): Promise<ScheduleFormState> {
  const user = await requireUser();
  const fields = formFields(form, SCHEDULE_FIELDS);
  const typed = { title: fields.title ?? '', when: fields.when ?? '', scheduledId: null };
  const parsed = parseScheduleForm(fields);
  if (!parsed.ok) return { ...typed, error: await say(parsed.error) };
  try {
    const { db } = await getDatabase();
    const meeting = await createMeetingWithFreshCode(db, { ownerId: user.id, ...parsed.value });
    revalidatePath(DASHBOARD);
    return { error: null, title: '', when: '', scheduledId: meeting.id };
  } catch (err) {
    logFailure('schedule', err);
    return { ...typed, error: await say('serverFailed') };
  }
}

/** Saves the settings form of one of the user's meetings. */
export async function updateSettingsAction(
  _previous: SettingsFormState,
  form: FormData,
): Promise<SettingsFormState> {
  const user = await requireUser();
  const fields = formFields(form, SETTINGS_FIELDS);
  const submitted = submittedSettings(fields);
  const parsed = parseSettingsForm(fields);
  if (!parsed.ok) return { error: await say(parsed.error), saved: false, submitted };
  try {
    const { db } = await getDatabase();
    const meeting = await updateMeetingSettings(db, parsed.value.meetingId, user.id, parsed.value.settings);
    if (!meeting) return { error: await say('meetingNotFound'), saved: false, submitted };
  } catch (err) {
    logFailure('settings', err);
    return { error: await say('serverFailed'), saved: false, submitted };
  }
  revalidatePath(DASHBOARD);
  return { error: null, saved: true, submitted };
}

/** Deletes one of the user's meetings (with its attendance, chat and recordings). */
export async function deleteMeetingAction(
  _previous: DeleteMeetingState,
  form: FormData,
): Promise<DeleteMeetingState> {
  const user = await requireUser();
  const meetingId = parseMeetingIdField(formFields(form, ['meetingId']).meetingId);
  if (!meetingId) return { error: await say('meetingNotFound') };
  try {
    const { db } = await getDatabase();
    const deleted = await deleteMeetingWithRecordings(
      db,
      { id: meetingId, ownerId: user.id },
      () => deleteMeeting(db, meetingId, user.id),
      storageFor(loadConfig().recording),
      (err) => logFailure('delete recording file', err),
    );
    if (!deleted) return { error: await say('meetingNotFound') };
  } catch (err) {
    logFailure('delete', err);
    return { error: await say('serverFailed') };
  }
  revalidatePath(DASHBOARD);
  return { error: null };
}
