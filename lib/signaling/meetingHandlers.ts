/** Host and co-host controls: waiting room, mute, camera, remove, roles, lock, end. */
import type { MeetingRegistry } from '@/lib/meetings/MeetingRegistry';
import { can, type MeetingAction } from '@/lib/meetings/permissions';
import type { Peer } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import { ErrorCode, ProtocolError, type MeetingControlRequest } from '@/lib/protocol';
import { joined, type HandlerMap, type Joined, type Session } from './session';

const WHO_MAY: Record<MeetingAction, string> = {
  admit: 'the host and co-hosts can let people in',
  'mute-others': 'the host and co-hosts can turn off other people’s microphone or camera',
  remove: 'the host and co-hosts can remove people',
  lock: 'the host and co-hosts can lock the meeting',
  end: 'only the host can end the meeting for everyone',
  promote: 'only the host can make someone a co-host',
  'share-screen-always': 'the host has not allowed guests to share',
  record: 'only the host and co-hosts can start or stop recording',
};

function allowed(s: Session, action: MeetingAction): Joined {
  const j = joined(s);
  if (!can(j.peer.role, action)) throw new ProtocolError(ErrorCode.FORBIDDEN, WHO_MAY[action]);
  return j;
}

/** Hosts and co-hosts let people in; in an open meeting, whoever has been in it the longest. */
function admitter(s: Session): Joined {
  const j = joined(s);
  if (!j.meeting.mayAdmit(s.membership, j.peer.role)) {
    throw new ProtocolError(ErrorCode.FORBIDDEN, WHO_MAY.admit);
  }
  return j;
}

function target(room: Room, peerId: string): Peer {
  const peer = room.peers.get(peerId);
  if (!peer) throw new ProtocolError(ErrorCode.NOT_FOUND, 'that participant is not in this meeting');
  return peer;
}

export function meetingHandlers(deps: { meetings: MeetingRegistry }): HandlerMap<MeetingControlRequest> {
  const { records } = deps.meetings;
  return {
    admit: (s, { participantId }) => {
      admitter(s).meeting.admit(participantId);
      return {};
    },

    admitAll: (s) => ({ admitted: admitter(s).meeting.admitAll() }),

    deny: (s, { participantId }) => {
      admitter(s).meeting.deny(participantId, 'The host did not let you in to this meeting.');
      return {};
    },

    muteParticipant: async (s, { peerId }) => {
      const { room, peer } = allowed(s, 'mute-others');
      await forceOff(room, target(room, peerId), 'microphone', peer.userId);
      return {};
    },

    stopParticipantCamera: async (s, { peerId }) => {
      const { room, peer } = allowed(s, 'mute-others');
      await forceOff(room, target(room, peerId), 'camera', peer.userId);
      return {};
    },

    removeParticipant: async (s, { peerId }) => {
      const j = allowed(s, 'remove');
      const peer = target(j.room, peerId);
      if (peer.participantId === j.peer.participantId) {
        throw new ProtocolError(ErrorCode.BAD_REQUEST, 'to go, leave the meeting');
      }
      // Every connection of that participant goes (another tab, a second device with the link).
      const theirs = [...j.room.peers.values()].filter((p) => p.participantId === peer.participantId);
      if (theirs.some((p) => p.role === 'host' || (p.role === 'cohost' && j.peer.role !== 'host'))) {
        throw new ProtocolError(
          ErrorCode.FORBIDDEN,
          'only the host can remove a co-host; nobody can remove the host',
        );
      }
      await records.revoke(j.meeting.id, peer.participantId);
      j.meeting.remove(
        peer.participantId,
        `${j.peer.userId} removed you from the meeting. You cannot rejoin it.`,
      );
      return {};
    },

    setRole: (s, { peerId, role }) => {
      const j = allowed(s, 'promote');
      const peer = target(j.room, peerId);
      if (peer.role === 'host') throw new ProtocolError(ErrorCode.FORBIDDEN, 'the host’s role cannot change');
      j.meeting.setRole(peer.participantId, role);
      return {};
    },

    setMeetingLocked: async (s, { locked }) => {
      const j = allowed(s, 'lock');
      await records.setLocked(j.meeting.id, locked);
      j.meeting.lock(locked);
      return {};
    },

    endMeeting: async (s) => {
      const j = allowed(s, 'end');
      await records.markEnded(j.meeting.id);
      j.meeting.end();
      return {};
    },
  };
}

/** A moderator turns off a peer's microphone or camera: its producers of that source pause. */
async function forceOff(room: Room, peer: Peer, source: 'microphone' | 'camera', by: string): Promise<void> {
  for (const producer of [...peer.producers.values()]) {
    if (producer.appData.source !== source || producer.paused) continue;
    await room.setProducerPaused(peer, producer.id, true);
  }
  peer.notify('forcedOff', { source, by });
}
