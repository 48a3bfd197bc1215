import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import {
  MAX_PARTICIPANTS,
  MEETING_FORM_LIMITS,
  SCHEDULE_MAX_AHEAD_MS,
  formFields,
  formatDuration,
  parseLocalDateTime,
  parseMeetingIdField,
  parseScheduleForm,
  parseSettingsForm,
  submittedSettings,
} from '@/lib/meetings/dashboardForms';
import de from '@/messages/de.json';
import en from '@/messages/en.json';

const NOW = Date.UTC(2025, 5, 1, 12, 0); // 1 June 2025, 12:00 UTC
const DAY = 24 * 60 * 60 * 1000;

describe('parseLocalDateTime', () => {
  it('reads a datetime-local value in the given zone (offset = UTC minus local, in minutes)', () => {
    expect(parseLocalDateTime('2025-06-02T14:30', 0)).toBe(Date.UTC(2025, 5, 2, 14, 30));
    // Berlin in summer: UTC+2, getTimezoneOffset() = -120.
    expect(parseLocalDateTime('2025-06-02T14:30', -120)).toBe(Date.UTC(2025, 5, 2, 12, 30));
    // New York in summer: UTC-4, getTimezoneOffset() = 240.
    expect(parseLocalDateTime('2025-06-02T14:30', 240)).toBe(Date.UTC(2025, 5, 2, 18, 30));
  });

  it('accepts seconds and milliseconds', () => {
    expect(parseLocalDateTime('2025-06-02T14:30:15', 0)).toBe(Date.UTC(2025, 5, 2, 14, 30, 15));
    expect(parseLocalDateTime('2025-06-02T14:30:15.250', 0)).toBe(Date.UTC(2025, 5, 2, 14, 30, 15));
  });

  it('refuses malformed and impossible dates', () => {
    for (const bad of [
      '',
      'tomorrow',
      '2025-06-02',
      '2025-06-02 14:30',
      '2025-06-02T14:30Z',
      '2025-04-31T10:00',
      '2025-02-29T10:00',
      '2025-06-02T24:00',
      '2025-13-01T10:00',
      '2025-06-02T10:60',
    ]) {
      expect(parseLocalDateTime(bad, 0), bad).toBeNull();
    }
    expect(parseLocalDateTime('2024-02-29T10:00', 0)).toBe(Date.UTC(2024, 1, 29, 10));
  });
});

describe('parseScheduleForm', () => {
  const form = (fields: Partial<Record<'title' | 'when' | 'tzOffset', string>>) => ({
    title: undefined,
    when: undefined,
    tzOffset: undefined,
    ...fields,
  });

  it('accepts a trimmed title and a future time in the browser zone', () => {
    expect(
      parseScheduleForm(form({ title: '  Planning  ', when: '2025-06-02T09:00', tzOffset: '-120' }), NOW),
    ).toEqual({ ok: true, value: { title: 'Planning', scheduledAt: Date.UTC(2025, 5, 2, 7, 0) } });
  });

  it('reads the time as UTC when the browser sent no offset', () => {
    const result = parseScheduleForm(form({ title: 'T', when: '2025-06-02T09:00' }), NOW);
    expect(result).toEqual({ ok: true, value: { title: 'T', scheduledAt: Date.UTC(2025, 5, 2, 9) } });
  });

  it('refuses a time in the past with a clear message, but allows the current minute', () => {
    expect(parseScheduleForm(form({ title: 'T', when: '2025-06-01T11:00', tzOffset: '0' }), NOW)).toEqual({
      ok: false,
      error: 'whenPassed',
    });
    expect(
      parseScheduleForm(form({ title: 'T', when: '2025-06-01T12:00', tzOffset: '0' }), NOW + 30_000).ok,
    ).toBe(true);
  });

  it('refuses a time more than two years ahead', () => {
    const result = parseScheduleForm(form({ title: 'T', when: '2028-01-01T00:00', tzOffset: '0' }), NOW);
    expect(result).toEqual({ ok: false, error: 'whenTooFar' });
    expect(NOW + SCHEDULE_MAX_AHEAD_MS).toBeGreaterThan(Date.UTC(2027, 5, 1));
  });

  it('asks for a title, a short one, and a date', () => {
    expect(parseScheduleForm(form({ title: '   ', when: '2025-06-02T09:00' }), NOW)).toEqual({
      ok: false,
      error: 'titleMissing',
    });
    expect(parseScheduleForm(form({ when: '2025-06-02T09:00' }), NOW)).toEqual({
      ok: false,
      error: 'titleMissing',
    });
    expect(parseScheduleForm(form({ title: 'x'.repeat(121), when: '2025-06-02T09:00' }), NOW)).toEqual({
      ok: false,
      error: 'titleTooLong',
    });
    expect(parseScheduleForm(form({ title: 'T', when: '' }), NOW)).toEqual({
      ok: false,
      error: 'whenMissing',
    });
    expect(parseScheduleForm(form({ title: 'T', when: '2025-02-30T09:00' }), NOW)).toEqual({
      ok: false,
      error: 'whenInvalid',
    });
  });

  it('refuses an offset that is no time zone', () => {
    for (const tzOffset of ['abc', '1.5', '100000']) {
      expect(
        parseScheduleForm(form({ title: 'T', when: '2025-06-02T09:00', tzOffset }), NOW).ok,
        tzOffset,
      ).toBe(false);
    }
  });
});

describe('parseSettingsForm', () => {
  const base = {
    meetingId: 'abc-defg-hij',
    waitingRoom: 'on',
    locked: undefined,
    guestsCanShare: 'on',
    allowRecording: 'on',
    maxParticipants: '10',
  };

  it('turns ticked boxes into true, missing ones into false', () => {
    expect(parseSettingsForm(base)).toEqual({
      ok: true,
      value: {
        meetingId: 'abc-defg-hij',
        settings: {
          waitingRoom: true,
          locked: false,
          guestsCanShare: true,
          allowRecording: true,
          maxParticipants: 10,
        },
      },
    });
    expect(
      parseSettingsForm({
        ...base,
        waitingRoom: undefined,
        locked: 'on',
        guestsCanShare: undefined,
        allowRecording: undefined,
      }),
    ).toEqual({
      ok: true,
      value: {
        meetingId: 'abc-defg-hij',
        settings: {
          waitingRoom: false,
          locked: true,
          guestsCanShare: false,
          allowRecording: false,
          maxParticipants: 10,
        },
      },
    });
  });

  it('keeps max participants within 2 to 200, whole numbers only', () => {
    const message = 'participantsRange';
    expect(parseSettingsForm({ ...base, maxParticipants: '2' }).ok).toBe(true);
    expect(parseSettingsForm({ ...base, maxParticipants: ` ${MAX_PARTICIPANTS} ` }).ok).toBe(true);
    for (const bad of ['1', '201', '0', '-5', '10.5', '1e2', 'ten', '', undefined]) {
      expect(parseSettingsForm({ ...base, maxParticipants: bad }), String(bad)).toEqual({
        ok: false,
        error: message,
      });
    }
  });

  it('refuses a bad meeting code or checkbox value', () => {
    expect(parseSettingsForm({ ...base, meetingId: '../etc' }).ok).toBe(false);
    expect(parseSettingsForm({ ...base, meetingId: undefined }).ok).toBe(false);
    expect(parseSettingsForm({ ...base, locked: 'yes please' }).ok).toBe(false);
  });

  it('remembers what was submitted for the form to show again', () => {
    expect(submittedSettings({ ...base, maxParticipants: '500' })).toEqual({
      waitingRoom: true,
      locked: false,
      guestsCanShare: true,
      allowRecording: true,
      maxParticipants: '500',
    });
  });
});

describe('helpers', () => {
  it('formFields keeps text fields and drops files and missing ones', () => {
    const form = new FormData();
    form.set('a', 'x');
    form.set('file', new Blob(['y']), 'y.txt');
    expect(formFields(form, ['a', 'file', 'missing'])).toEqual({
      a: 'x',
      file: undefined,
      missing: undefined,
    });
  });

  it('parseMeetingIdField accepts a meeting code only', () => {
    expect(parseMeetingIdField('abc-defg-hij')).toBe('abc-defg-hij');
    expect(parseMeetingIdField('a/b')).toBeNull();
    expect(parseMeetingIdField('')).toBeNull();
    expect(parseMeetingIdField(undefined)).toBeNull();
  });

  it('formatDuration reads like a person would say it', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(45_400)).toBe('45 s');
    expect(formatDuration(59_600)).toBe('1 min');
    expect(formatDuration(12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatDuration(60 * 60_000)).toBe('1 h');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(DAY)).toBe('24 h');
  });
});

describe('form errors as the dashboard shows them', () => {
  const english = createTranslator({ locale: 'en', messages: en, namespace: 'formErrors' });
  const german = createTranslator({ locale: 'de', messages: de, namespace: 'formErrors' });

  it('quote the limits in the visitor’s language', () => {
    const refused = parseSettingsForm({
      meetingId: 'abc-defg-hij',
      waitingRoom: 'on',
      locked: undefined,
      guestsCanShare: 'on',
      allowRecording: 'on',
      maxParticipants: '500',
    });
    if (refused.ok) throw new Error('500 participants should be refused');
    expect(english(refused.error, MEETING_FORM_LIMITS)).toBe(
      'Max participants must be a whole number from 2 to 200.',
    );
    expect(german(refused.error, MEETING_FORM_LIMITS)).toBe(
      'Die maximale Teilnehmerzahl muss eine ganze Zahl von 2 bis 200 sein.',
    );
    expect(english('titleTooLong', MEETING_FORM_LIMITS)).toBe('Keep the title under 120 characters.');
  });
});
