/**
 * Server-side recording: hosts and co-hosts start and stop it from the call; everyone in the
 * meeting is told when it starts and stops (`recordingChanged`), and `MeetingFlags.recording`
 * carries the state to those who join later.
 */
import { z } from 'zod';

export const recordingRequestSchemas = {
  /** Starts recording the meeting (host and co-hosts; the meeting's settings must allow it). */
  startRecording: z.object({}).optional(),
  /** Stops the recording; the file appears on the owner's dashboard once it is finished. */
  stopRecording: z.object({}).optional(),
} as const;

export interface RecordingResults {
  startRecording: { recordingId: string; startedAt: number };
  stopRecording: Record<string, never>;
}

/** Why a recording stopped, for the announcement in the call. */
export const RECORDING_STOP_REASONS = [
  'stopped',
  'meeting-ended',
  'everyone-left',
  'time-limit',
  'server-shutdown',
  'failed',
] as const;
export type RecordingStopReason = (typeof RECORDING_STOP_REASONS)[number];

export interface RecordingChanged {
  recording: boolean;
  /** Epoch ms the recording started; null once it stopped. */
  startedAt: number | null;
  /** Display name of who started or stopped it (empty when the server stopped it). */
  by: string;
  /** Why it stopped (absent while recording). */
  reason?: RecordingStopReason;
}

export interface RecordingNotifications {
  /** To everyone in the meeting: recording started or stopped. */
  recordingChanged: (e: RecordingChanged) => void;
}
