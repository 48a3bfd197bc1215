/** What the call says when recording starts or stops, and the recording flag in the store. */
import type { RecordingChanged } from '@/lib/protocol';
import { callActions, useCallStore } from '@/lib/store/callStore';

const STOP_REASONS: Record<NonNullable<RecordingChanged['reason']>, string> = {
  stopped: 'Recording stopped.',
  'meeting-ended': 'Recording stopped: the meeting ended.',
  'everyone-left': 'Recording stopped: everyone left.',
  'time-limit': 'Recording stopped: it reached the longest length this server records.',
  'server-shutdown': 'Recording stopped: the server is restarting. The file is kept.',
  failed: 'Recording stopped because of a problem on the server.',
};

export function recordingNotice(e: RecordingChanged): string {
  if (e.recording)
    return e.by ? `${e.by} started recording this meeting.` : 'This meeting is being recorded.';
  const base = STOP_REASONS[e.reason ?? 'stopped'];
  return e.reason === 'stopped' && e.by ? `${e.by} stopped recording.` : base;
}

export function announceRecording(e: RecordingChanged): void {
  const { meeting } = useCallStore.getState();
  if (meeting.recording !== e.recording) callActions.setMeeting({ ...meeting, recording: e.recording });
  callActions.notify(e.recording || e.reason !== 'failed' ? 'info' : 'warning', recordingNotice(e));
}
