/** Starting and stopping the meeting's server-side recording (hosts and co-hosts). */
import { RecordingService } from '@/lib/recording/RecordingService';
import { ErrorCode, ProtocolError, type RecordingRequest } from '@/lib/protocol';
import { joined, type HandlerMap, type Joined, type Session } from './session';

function recorder(s: Session): Joined {
  const j = joined(s);
  if (!RecordingService.mayRecord(j.peer.role, j.meeting.hosted)) {
    throw new ProtocolError(ErrorCode.FORBIDDEN, 'only the host and co-hosts can start or stop recording');
  }
  return j;
}

export function recordingHandlers(deps: {
  recordings: RecordingService | undefined;
}): HandlerMap<RecordingRequest> {
  const service = (): RecordingService => {
    if (!deps.recordings)
      throw new ProtocolError(ErrorCode.FORBIDDEN, 'this server does not record meetings');
    return deps.recordings;
  };
  return {
    startRecording: async (s) => {
      const j = recorder(s);
      return service().start(j.meeting, j.room, j.peer.userId);
    },
    stopRecording: async (s) => {
      const j = recorder(s);
      // Answered once everyone is told; the file is finished in the background.
      void service().stop(j.meeting.id, 'stopped', j.peer.userId);
      return {};
    },
  };
}
