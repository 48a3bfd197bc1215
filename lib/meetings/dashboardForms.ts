/**
 * What the dashboard's forms send and get back: zod validation of the fields (run on the server by
 * the actions in dashboardActions.ts) and the states handed to useActionState. No server-only code,
 * so the client components can import the limits and initial states.
 */
import { z } from 'zod';
import type { MeetingSettings } from '@/lib/db/meetings';
import { formError, type FormErrorKey } from '@/lib/i18n/formErrors';
import { callIdSchema } from '@/lib/protocol';

export const TITLE_MAX_LENGTH = 120;
export const MIN_PARTICIPANTS = 2;
export const MAX_PARTICIPANTS = 200;
/** A time in the current minute is still "now": a datetime-local input has no seconds. */
export const SCHEDULE_GRACE_MS = 60_000;
export const SCHEDULE_MAX_AHEAD_MS = 2 * 366 * 24 * 60 * 60 * 1000;

/** The limits the form errors quote (their ICU arguments). */
export const MEETING_FORM_LIMITS = {
  titleMax: TITLE_MAX_LENGTH,
  participantsMin: MIN_PARTICIPANTS,
  participantsMax: MAX_PARTICIPANTS,
};

export interface StartMeetingState {
  error: string | null;
}
export const INITIAL_START_STATE: StartMeetingState = { error: null };

export interface ScheduleFormState {
  error: string | null;
  /** What was typed, to fill the form again after an error (empty after success). */
  title: string;
  when: string;
  /** The code of the meeting just scheduled. */
  scheduledId: string | null;
}
export const INITIAL_SCHEDULE_STATE: ScheduleFormState = {
  error: null,
  title: '',
  when: '',
  scheduledId: null,
};

export interface SettingsFormState {
  error: string | null;
  saved: boolean;
  /** The settings as last submitted (valid or not), so the form shows them after its reset. */
  submitted: FormSettings | null;
}
export const INITIAL_SETTINGS_STATE: SettingsFormState = { error: null, saved: false, submitted: null };

/** Settings as the form holds them: max participants may be any text the user typed. */
export type FormSettings = Omit<MeetingSettings, 'maxParticipants'> & { maxParticipants: string };

export interface DeleteMeetingState {
  error: string | null;
}
export const INITIAL_DELETE_STATE: DeleteMeetingState = { error: null };

/** A parsed form, or the key of its first problem (worded by the action, see lib/i18n/formErrors). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FormErrorKey };

/** The named text fields of a form (files and missing fields become undefined). */
export function formFields<K extends string>(
  form: FormData,
  names: readonly K[],
): Record<K, string | undefined> {
  const fields = {} as Record<K, string | undefined>;
  for (const name of names) {
    const value = form.get(name);
    fields[name] = typeof value === 'string' ? value : undefined;
  }
  return fields;
}

/**
 * A datetime-local value (`2025-06-01T14:30`, seconds optional) read in the browser's time zone:
 * `tzOffsetMinutes` is what `Date#getTimezoneOffset` said there for that date (UTC minus local).
 * Returns epoch milliseconds, or null for a malformed or impossible date (31 April, 25:00).
 */
export function parseLocalDateTime(value: string, tzOffsetMinutes: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => Number(p ?? 0)) as number[];
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month! - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute
  ) {
    return null;
  }
  return utc + tzOffsetMinutes * 60_000;
}

/** The first problem's key (schemas name theirs; a validator's own default is not a key). */
function firstError(error: z.ZodError): FormErrorKey {
  return (error.issues[0]?.message ?? 'checkForm') as FormErrorKey;
}

const scheduleSchema = z.object({
  title: z
    .string({ error: formError('titleMissing') })
    .trim()
    .min(1, formError('titleMissing'))
    .max(TITLE_MAX_LENGTH, formError('titleTooLong')),
  when: z
    .string({ error: formError('whenMissing') })
    .trim()
    .min(1, formError('whenMissing')),
  // Without JavaScript the browser sends no offset: the time is then read as UTC.
  tzOffset: z.coerce
    .number({ error: formError('timeZoneUnreadable') })
    .int()
    .min(-16 * 60)
    .max(16 * 60)
    .default(0),
});

export const SCHEDULE_FIELDS = ['title', 'when', 'tzOffset'] as const;

/** Validates the schedule form: a title and a time in the future (at most two years ahead). */
export function parseScheduleForm(
  fields: Record<(typeof SCHEDULE_FIELDS)[number], string | undefined>,
  now = Date.now(),
): Parsed<{ title: string; scheduledAt: number }> {
  const parsed = scheduleSchema.safeParse({ ...fields, tzOffset: fields.tzOffset || undefined });
  if (!parsed.success) return { ok: false, error: firstError(parsed.error) };
  const scheduledAt = parseLocalDateTime(parsed.data.when, parsed.data.tzOffset);
  if (scheduledAt === null) return { ok: false, error: 'whenInvalid' };
  if (scheduledAt < now - SCHEDULE_GRACE_MS) return { ok: false, error: 'whenPassed' };
  if (scheduledAt > now + SCHEDULE_MAX_AHEAD_MS) return { ok: false, error: 'whenTooFar' };
  return { ok: true, value: { title: parsed.data.title, scheduledAt } };
}

/** A checkbox: sent as "on" when ticked, absent when not. */
const checkbox = z
  .enum(['on', 'true', 'off', 'false'], { error: formError('settingUnexpected') })
  .optional()
  .transform((v) => v === 'on' || v === 'true');

const participantsMessage = formError('participantsRange');

const settingsSchema = z.object({
  meetingId: callIdSchema,
  waitingRoom: checkbox,
  locked: checkbox,
  guestsCanShare: checkbox,
  allowRecording: checkbox,
  maxParticipants: z
    .string({ error: participantsMessage })
    .trim()
    .regex(/^\d+$/, participantsMessage)
    .transform(Number)
    .pipe(
      z.number().int().min(MIN_PARTICIPANTS, participantsMessage).max(MAX_PARTICIPANTS, participantsMessage),
    ),
});

export const SETTINGS_FIELDS = [
  'meetingId',
  'waitingRoom',
  'locked',
  'guestsCanShare',
  'allowRecording',
  'maxParticipants',
] as const;

/** Validates the settings form of one meeting. */
export function parseSettingsForm(
  fields: Record<(typeof SETTINGS_FIELDS)[number], string | undefined>,
): Parsed<{ meetingId: string; settings: MeetingSettings }> {
  const parsed = settingsSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, error: firstError(parsed.error) };
  const { meetingId, ...settings } = parsed.data;
  return { ok: true, value: { meetingId, settings } };
}

/** The settings form's fields as submitted, to show them again whatever the outcome. */
export function submittedSettings(
  fields: Record<(typeof SETTINGS_FIELDS)[number], string | undefined>,
): FormSettings {
  const ticked = (v: string | undefined) => v === 'on' || v === 'true';
  return {
    waitingRoom: ticked(fields.waitingRoom),
    locked: ticked(fields.locked),
    guestsCanShare: ticked(fields.guestsCanShare),
    allowRecording: ticked(fields.allowRecording),
    maxParticipants: fields.maxParticipants ?? '',
  };
}

/** The meeting code a delete (or other single-meeting) form names, or null. */
export function parseMeetingIdField(value: string | undefined): string | null {
  const parsed = callIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** "45 s", "12 min", "1 h 5 min": how long someone stayed. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} min`;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
