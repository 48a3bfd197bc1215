/**
 * Call notices as the toast words them: the producers in lib/call put a message in the store, and
 * the reader's language decides the words. English stays as the browser tests read it; German,
 * Spanish and French get their own sentences, for every notice the call can raise.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { announceRecording } from '@/lib/call/recordingNotices';
import { requestFailedNotice } from '@/lib/call/requestNotice';
import { ProtocolError } from '@/lib/client/request';
import { describeMediaError } from '@/lib/media/mediaErrors';
import type { RecordingChanged } from '@/lib/protocol';
import { callActions, useCallStore, type NoticeKey, type NoticeMessage } from '@/lib/store/callStore';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import es from '@/messages/es.json';
import fr from '@/messages/fr.json';
import { lastNotice, noticeWords } from '@/tests/support/noticeWords';

const english = noticeWords('en', en);
const german = noticeWords('de', de);

const stopped = (reason: RecordingChanged['reason'], by = ''): RecordingChanged => ({
  recording: false,
  startedAt: null,
  by,
  reason,
});

describe('call notices in the reader’s language', () => {
  beforeEach(() => callActions.reset());

  it('says who started and stopped a recording, and why the server stopped it', () => {
    announceRecording({ recording: true, startedAt: 1, by: 'Hana Host' });
    expect(lastNotice(english)).toBe('Hana Host started recording this meeting.');
    expect(lastNotice(german)).toBe('Hana Host zeichnet diese Besprechung jetzt auf.');
    expect(useCallStore.getState().meeting.recording).toBe(true);

    announceRecording(stopped('stopped', 'Hana Host'));
    expect(lastNotice(english)).toBe('Hana Host stopped recording.');
    expect(lastNotice(german)).toBe('Hana Host hat die Aufzeichnung beendet.');

    announceRecording(stopped('meeting-ended'));
    expect(lastNotice(english)).toBe('Recording stopped: the meeting ended.');
    expect(lastNotice(german)).toBe('Die Aufzeichnung wurde beendet, weil die Besprechung vorbei ist.');

    announceRecording(stopped('failed'));
    expect(useCallStore.getState().notices.at(-1)?.kind).toBe('warning');
    expect(lastNotice(german)).toBe('Die Aufzeichnung wurde wegen eines Problems auf dem Server beendet.');
  });

  it('says a refused request by its code outside English, and the server’s words in English', () => {
    const refusal = requestFailedNotice(new ProtocolError('FORBIDDEN', 'Only hosts can lock the meeting.'));
    expect(english(refusal)).toBe('Only hosts can lock the meeting.');
    expect(german(refusal)).toBe('Ihre Rolle in der Besprechung erlaubt das nicht.');
    expect(german(requestFailedNotice(new Error('socket closed')))).toBe(
      'Die Anfrage ist fehlgeschlagen. Versuchen Sie es erneut.',
    );
  });

  it('says a camera that cannot be opened with its title and what to do', () => {
    const media = { media: describeMediaError('busy', 'camera') };
    expect(english(media)).toBe(
      'Camera is busy. Another app or browser tab may be using your camera. Close it, then press Try again.',
    );
    expect(german(media)).toMatch(/^Kamera wird bereits verwendet\. Vielleicht verwendet/);
  });

  it('words every notice in every language with the arguments its producer gives', () => {
    // What lib/call passes with each key (names, devices, effect details).
    const values: Record<NoticeKey, Record<string, string> | undefined> = {
      roomInterrupted: undefined,
      handRaised: { name: 'Gus' },
      nowCohost: undefined,
      noLongerCohost: undefined,
      meetingLocked: undefined,
      meetingUnlocked: undefined,
      forcedOff: { by: 'Hana', source: 'microphone' },
      recordingStarted: undefined,
      recordingStartedBy: { name: 'Hana' },
      recordingStopped: undefined,
      recordingStoppedBy: { name: 'Hana' },
      recordingStoppedMeetingEnded: undefined,
      recordingStoppedEveryoneLeft: undefined,
      recordingStoppedTimeLimit: undefined,
      recordingStoppedServerShutdown: undefined,
      recordingFailed: undefined,
      blurFailed: { detail: 'no WebGL' },
      noiseSuppressionFailed: { detail: 'no AudioWorklet' },
      newDevice: { label: 'USB Mic' },
      speakerLost: undefined,
      deviceLost: { device: 'camera' },
      deviceLostNoOther: { device: 'microphone' },
      chosenDeviceGone: { device: 'camera' },
      requestFailed: undefined,
    };
    for (const [locale, messages] of [
      ['de', de],
      ['es', es],
      ['fr', fr],
    ] as const) {
      const say = noticeWords(locale, messages);
      for (const [key, args] of Object.entries(values) as Array<[NoticeKey, Record<string, string>]>) {
        const message: NoticeMessage = args ? { key, values: args } : { key };
        const words = say(message);
        expect(words, `${locale}: ${key}`).not.toBe(english(message));
        expect(words, `${locale}: ${key}`).not.toMatch(/[{}]/);
        for (const arg of ['Gus', 'Hana', 'no WebGL', 'USB Mic']) {
          if (english(message).includes(arg)) expect(words, `${locale}: ${key}`).toContain(arg);
        }
      }
    }
  });

  it('tells a microphone from a camera when a host turns one off', () => {
    expect(german({ key: 'forcedOff', values: { by: 'Hana', source: 'microphone' } })).toBe(
      'Hana hat Ihr Mikrofon ausgeschaltet.',
    );
    expect(german({ key: 'forcedOff', values: { by: 'Hana', source: 'camera' } })).toBe(
      'Hana hat Ihre Kamera ausgeschaltet.',
    );
    expect(english({ key: 'forcedOff', values: { by: 'Hana Host', source: 'microphone' } })).toBe(
      'Hana Host turned off your microphone.',
    );
  });
});
