/** Host and co-host controls: waiting room, mute, camera, remove, roles, lock, end. */
import type { LiveMeeting } from '@/lib/meetings/LiveMeeting';
import type { MeetingRegistry } from '@/lib/meetings/MeetingRegistry';
import { can, isModerator, type MeetingAction } from '@/lib/meetings/permissions';
import type { Peer } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import { announceLobby } from './lobby';
import { ErrorCode, type MeetingControlRequest } from '@/lib/protocol';
import { joined, type HandlerMap, type Joined, type Session } from './session';
import { ProtocolError } from '@/lib/protocol';

/** Let a notice reach the browser before its connection is cut. */
const NOTICE_GRACE_MS = 250;

const WHO_MAY: Record<MeetingAction, string> = {
  admit: 'the host and co-hosts can let people in',
  'mute-others': 'the host and co-hosts can turn off other people’s microphone or camera',
  remove: 'the host and co-hosts can remove people',
  lock: 'the host and co-hosts can lock the meeting',
  end: 'only the host can end the meeting for everyone',
  promote: 'only the host can make someone a co-host',
  'share-screen-always': 'the host has not allowed guests to share',
};

function allowed(s: Session, action: MeetingAction): Joined {
  const j = joined(s);
  if (!can(j.peer.role, action)) throw new ProtocolError(ErrorCode.FORBIDDEN, WHO_MAY[action]);
  return j;
}

function target(room: Room, peerId: string): Peer {
  const peer = room.peers.get(peerId);
  if (!peer) throw new ProtocolError(ErrorCode.NOT_FOUND, 'that participant is not in this meeting');
  return peer;
}

async function forceOff(j: Joined, peer: Peer, source: 'microphone' | 'camera'): Promise<void> {
  for (const producer of peer.producers.values()) {
    if (producer.appData.source !== source || producer.paused) continue;
    await j.room.setProducerPaused(peer, producer.id, true);
  }
  peer.notify('forcedOff', { source, by: j.peer.userId });
}

function waiter(meeting: LiveMeeting, participantId: string) {
  const w = meeting.lobby.get(participantId);
  if (!w) throw new ProtocolError(ErrorCode.NOT_FOUND, 'that person is no longer waiting');
  return w;
}

export function meetingHandlers(deps: {
  registry: RoomRegistry;
  meetings: MeetingRegistry;
}): HandlerMap<MeetingControlRequest> {
  const { registry, meetings } = deps;
  return {
    admit: (s, { participantId }) => {
      const { meeting } = allowed(s, 'admit');
      waiter(meeting, participantId).admit();
      announceLobby(meeting, registry);
      return {};
    },

    admitAll: (s) => {
      const { meeting } = allowed(s, 'admit');
      const all = [...meeting.lobby.values()];
      for (const w of all) w.admit();
      announceLobby(meeting, registry);
      return { admitted: all.length };
    },

    deny: (s, { participantId }) => {
      const { meeting } = allowed(s, 'admit');
      waiter(meeting, participantId).deny('The host did not let you in to this meeting.');
      announceLobby(meeting, registry);
      return {};
    },

    muteParticipant: async (s, { peerId }) => {
      const j = allowed(s, 'mute-others');
      await forceOff(j, target(j.room, peerId), 'microphone');
      return {};
    },

    stopParticipantCamera: async (s, { peerId }) => {
      const j = allowed(s, 'mute-others');
      await forceOff(j, target(j.room, peerId), 'camera');
      return {};
    },

    removeParticipant: async (s, { peerId }) => {
      const j = allowed(s, 'remove');
      const peer = target(j.room, peerId);
      if (peer.participantId === j.peer.participantId) {
        throw new ProtocolError(ErrorCode.BAD_REQUEST, 'to go, leave the meeting');
      }
      // Every connection of that participant goes (another tab, a second device with the link).
      const removed = [...j.room.peers.values()].filter((p) => p.participantId === peer.participantId);
      if (removed.some((p) => p.role === 'host' || (p.role === 'cohost' && j.peer.role !== 'host'))) {
        throw new ProtocolError(
          ErrorCode.FORBIDDEN,
          'only the host can remove a co-host; nobody can remove the host',
        );
      }
      await meetings.records.revoke(j.meeting.id, peer.participantId);
      j.meeting.admitted.delete(peer.participantId);
      j.meeting.cohosts.delete(peer.participantId);
      for (const p of removed) {
        p.notify('removed', {
          callId: j.meeting.id,
          message: `${j.peer.userId} removed you from the meeting. You cannot rejoin it.`,
        });
        j.room.leave(p);
      }
      setTimeout(() => removed.forEach((p) => p.disconnect()), NOTICE_GRACE_MS).unref();
      return {};
    },

    setRole: (s, { peerId, role }) => {
      const j = allowed(s, 'promote');
      const peer = target(j.room, peerId);
      if (peer.role === 'host') throw new ProtocolError(ErrorCode.FORBIDDEN, 'the host’s role cannot change');
      peer.role = role;
      if (role === 'cohost') j.meeting.cohosts.add(peer.participantId);
      else j.meeting.cohosts.delete(peer.participantId);
      j.room.broadcast(null, 'roleChanged', { peerId, role });
      if (isModerator(role)) peer.notify('lobbyChanged', { waiting: j.meeting.lobbyEntries() });
      return {};
    },

    setMeetingLocked: async (s, { locked }) => {
      const j = allowed(s, 'lock');
      j.meeting.locked = locked;
      await meetings.records.setLocked(j.meeting.id, locked);
      j.room.broadcast(null, 'meetingUpdated', j.meeting.flags());
      return {};
    },

    endMeeting: async (s) => {
      const j = allowed(s, 'end');
      j.meeting.ended = true;
      await meetings.records.markEnded(j.meeting.id);
      for (const w of [...j.meeting.lobby.values()]) w.deny('The meeting has ended.');
      j.room.broadcast(null, 'meetingEnded', { callId: j.meeting.id });
      const peers = [...j.room.peers.values()];
      setTimeout(() => peers.forEach((p) => p.disconnect()), NOTICE_GRACE_MS).unref();
      return {};
    },
  };
}
