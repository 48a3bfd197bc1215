/** What the call says when recording starts or stops, and the recording flag in the store. */
import type { RecordingChanged } from '@/lib/protocol';
import { callActions, notice, useCallStore, type NoticeKey, type NoticeMessage } from '@/lib/store/callStore';

const STOP_REASONS: Record<NonNullable<RecordingChanged['reason']>, NoticeKey> = {
  stopped: 'recordingStopped',
  'meeting-ended': 'recordingStoppedMeetingEnded',
  'everyone-left': 'recordingStoppedEveryoneLeft',
  'time-limit': 'recordingStoppedTimeLimit',
  'server-shutdown': 'recordingStoppedServerShutdown',
  failed: 'recordingFailed',
};

export function recordingNotice(e: RecordingChanged): NoticeMessage {
  if (e.recording) return e.by ? notice('recordingStartedBy', { name: e.by }) : notice('recordingStarted');
  const reason = e.reason ?? 'stopped';
  return reason === 'stopped' && e.by
    ? notice('recordingStoppedBy', { name: e.by })
    : notice(STOP_REASONS[reason]);
}

export function announceRecording(e: RecordingChanged): void {
  const { meeting } = useCallStore.getState();
  if (meeting.recording !== e.recording) callActions.setMeeting({ ...meeting, recording: e.recording });
  callActions.notify(e.recording || e.reason !== 'failed' ? 'info' : 'warning', recordingNotice(e));
}
