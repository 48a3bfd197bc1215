/** The seed API: rooms, transports, producers and consumers — each checked against the caller. */
import type { Config } from '@/lib/config';
import { decideAdmission } from '@/lib/meetings/admission';
import type { MeetingRegistry } from '@/lib/meetings/MeetingRegistry';
import { isModerator } from '@/lib/meetings/permissions';
import type { Room } from '@/lib/sfu/Room';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import { enterLobby, leaveLobby } from './lobby';
import { ErrorCode, type RequestName } from '@/lib/protocol';
import { spend, type SignalingRateLimits } from './rateLimits';
import { joined, type HandlerMap, type Session } from './session';
import { ProtocolError } from '@/lib/protocol';

export interface MediaHandlerDeps {
  registry: RoomRegistry;
  meetings: MeetingRegistry;
  limits: Config['limits'] & { roomsCreatedPerConnection: number };
  rateLimits: SignalingRateLimits;
  /** Frees the session's membership (room, attendance, waiting room). */
  leave(s: Session): void;
}

const CHAT_HISTORY = 200;

type MediaEvents = Extract<
  RequestName,
  | 'createRoom'
  | 'joinRoom'
  | 'createTransport'
  | 'connectTransport'
  | 'produce'
  | 'consume'
  | 'resumeConsumer'
  | 'pauseConsumer'
  | 'getProducers'
  | 'leaveRoom'
  | 'closeProducer'
  | 'pauseProducer'
  | 'resumeProducer'
>;

export function mediaHandlers(deps: MediaHandlerDeps): HandlerMap<MediaEvents> {
  const { registry, meetings, limits, rateLimits } = deps;

  async function roomFor(s: Session, callId: string): Promise<Room> {
    const existing = registry.get(callId);
    if (existing && !existing.closed) return existing;
    if (!registry.has(callId)) {
      if (s.roomsCreated >= limits.roomsCreatedPerConnection) {
        throw new ProtocolError(ErrorCode.LIMIT_REACHED, 'too many new meetings from this connection');
      }
      if (s.identity.meetingId === null) {
        await spend(rateLimits.anonymousRooms, s.identity.ip, 'new meetings from your address');
      }
      s.roomsCreated++;
    }
    return registry.getOrCreate(callId);
  }

  return {
    createRoom: async (s, { callId }) => {
      await meetings.open(callId, { tokenMeetingId: s.identity.meetingId });
      const room = await roomFor(s, callId);
      return { rtpCapabilities: room.rtpCapabilities };
    },

    joinRoom: async (s, { callId, userId, rtpCapabilities }) => {
      if (s.room && !s.room.closed && s.peer && !s.peer.closed) {
        throw new ProtocolError(
          ErrorCode.ALREADY_JOINED,
          `already in meeting ${s.room.callId}; leaveRoom first`,
        );
      }
      const { identity } = s;
      const meeting = await meetings.open(callId, { tokenMeetingId: identity.meetingId });
      const role = meeting.roleOf(identity.participantId, identity.role);
      const current = registry.get(callId);
      const revoked =
        identity.meetingId !== null && (await meetings.records.isRevoked(callId, identity.participantId));
      const decision = decideAdmission({
        role,
        participantId: identity.participantId,
        revoked,
        meeting: {
          hosted: meeting.hosted,
          ended: meeting.ended,
          locked: meeting.locked,
          waitingRoom: meeting.info.settings.waitingRoom,
          maxParticipants: meeting.info.settings.maxParticipants,
          admitted: meeting.admitted,
          participants: current && !current.closed ? current.peers.size : 0,
        },
      });
      if (decision.kind === 'refuse') throw new ProtocolError(decision.code, decision.message);
      if (decision.kind === 'wait') {
        enterLobby(s, meeting, userId, registry);
        throw new ProtocolError(
          ErrorCode.WAITING_ROOM,
          'You are in the waiting room. The host will let you in soon.',
        );
      }

      const room = await roomFor(s, callId);
      leaveLobby(s, registry);
      const peer = room.join(userId, rtpCapabilities, (event, ...args) => s.socket.emit(event, ...args), {
        participantId: identity.participantId,
        role,
        disconnect: () => s.socket.disconnect(true),
      });
      registry.markActive(room);
      s.room = room;
      s.peer = peer;
      s.meeting = meeting;
      s.log = s.baseLog.child({ room: callId, peer: peer.id });
      const [attendanceId, chat] = await Promise.all([
        meetings.records
          .recordJoin({
            meetingId: callId,
            participantId: identity.participantId,
            displayName: userId,
            userId: identity.userId,
            role,
          })
          .catch((err: unknown) => {
            s.log.error({ err }, 'recording attendance failed');
            return undefined;
          }),
        meetings.records.listChatMessages(callId, CHAT_HISTORY),
      ]);
      if (attendanceId) s.attendanceId = attendanceId;
      return {
        peerId: peer.id,
        peers: room.peerInfos(peer),
        rtpCapabilities: room.rtpCapabilities,
        activeSpeakerPeerId: room.activeSpeakerPeerId,
        self: { participantId: identity.participantId, role },
        meeting: meeting.flags(),
        chat,
        lobby: isModerator(role) ? meeting.lobbyEntries() : [],
      };
    },

    createTransport: (s, { direction }) => {
      const { room, peer } = joined(s);
      return room.createTransport(peer, direction);
    },

    connectTransport: async (s, { transportId, dtlsParameters }) => {
      const { room, peer } = joined(s);
      await room.connectTransport(peer, transportId, dtlsParameters);
      return {};
    },

    produce: async (s, req) => {
      const { room, peer, meeting } = joined(s);
      const source = req.appData?.source;
      const sharing = source === 'screen' || source === 'screen-audio';
      if (sharing && !meeting.info.settings.guestsCanShare && !isModerator(peer.role)) {
        throw new ProtocolError(ErrorCode.FORBIDDEN, 'the host does not allow guests to share their screen');
      }
      return { producerId: await room.produce(peer, req) };
    },

    consume: (s, req) => {
      const { room, peer } = joined(s);
      return room.consume(peer, req);
    },

    resumeConsumer: async (s, { consumerId }) => {
      await joined(s).peer.consumer(consumerId).resume();
      return {};
    },

    pauseConsumer: async (s, { consumerId }) => {
      await joined(s).peer.consumer(consumerId).pause();
      return {};
    },

    getProducers: (s, { callId }) => {
      const { room, peer } = joined(s);
      if (callId !== room.callId) {
        throw new ProtocolError(ErrorCode.NOT_JOINED, `you are not in meeting ${callId}`);
      }
      return { producers: room.producerInfos(peer) };
    },

    leaveRoom: (s) => {
      deps.leave(s);
      return {};
    },

    closeProducer: (s, { producerId }) => {
      const { room, peer } = joined(s);
      room.closeProducer(peer, producerId);
      return {};
    },

    pauseProducer: async (s, { producerId }) => {
      const { room, peer } = joined(s);
      await room.setProducerPaused(peer, producerId, true);
      return {};
    },

    resumeProducer: async (s, { producerId }) => {
      const { room, peer } = joined(s);
      await room.setProducerPaused(peer, producerId, false);
      return {};
    },
  };
}
