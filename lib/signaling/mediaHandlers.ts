/** The seed API: rooms, transports, producers and consumers — each checked against the caller. */
import { isModerator } from '@/lib/meetings/permissions';
import { ErrorCode, ProtocolError, type RequestName } from '@/lib/protocol';
import { turnCredentials } from '@/lib/auth/turnCredentials';
import type { Config } from '@/lib/config';
import { producerSource } from '@/lib/sfu/producerSource';
import { consumeEveryone, consumeStaged } from './preparedJoin';
import { resumeOwner, type Resumes } from './resume';
import { joined, type HandlerMap, type Joined } from './session';

type MediaEvents = Extract<
  RequestName,
  | 'createRoom'
  | 'joinRoom'
  | 'prepareJoin'
  | 'prepareReceive'
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

export function mediaHandlers(deps: { resumes: Resumes; turn: Config['turn'] }): HandlerMap<MediaEvents> {
  return {
    createRoom: async (s, { callId }) => ({ rtpCapabilities: await s.membership.prepare(callId) }),

    joinRoom: async (s, { callId, userId, rtpCapabilities, prepared }) => {
      // A prepared join's consumers are resumed as soon as the peer is in the room, while its
      // attendance is written: the senders' key frames are on their way before the answer.
      const early: { consumed?: ReturnType<typeof consumeEveryone> } = {};
      const entered = (j: Joined) => {
        if (!prepared) return;
        early.consumed = consumeEveryone(j, prepared.recvTransportId);
        early.consumed.catch(() => undefined); // awaited below, unless the join fails first
      };
      const welcome = await s.membership.join(callId, userId, rtpCapabilities, entered);
      // Credentials to resume this peer after a drop, and TURN servers for its transports.
      const resume = deps.resumes.issue(s.membership, {
        ...resumeOwner(s.membership.identity),
        peerId: welcome.peerId,
      });
      const answer = { ...welcome, ...resume, ice: turnCredentials(deps.turn, s.membership.participantId) };
      if (!prepared) return answer; // the seed's answer, unchanged
      const consumed = await (early.consumed ?? consumeEveryone(joined(s), prepared.recvTransportId));
      return consumed ? { ...answer, prepared: consumed } : answer;
    },

    prepareJoin: async (s, { callId }) => {
      const staged = await s.membership.stage(callId);
      if (!staged.transports) return staged;
      return { ...staged, ice: turnCredentials(deps.turn, s.membership.participantId) };
    },

    prepareReceive: async (s, { recvTransportId, rtpCapabilities }) => {
      if (s.membership.present) throw new ProtocolError(ErrorCode.ALREADY_JOINED, 'already in a meeting');
      const staged = await s.membership.staging.admitted(recvTransportId);
      return consumeStaged(staged, recvTransportId, rtpCapabilities);
    },

    createTransport: (s, { direction }) => {
      const { room, peer } = joined(s);
      return room.createTransport(peer, direction);
    },

    connectTransport: async (s, { transportId, dtlsParameters }) => {
      // Before the join, only the staged peer's receiving transport (see prepareReceive).
      const staged = s.membership.present ? undefined : s.membership.staging.current;
      const { room, peer } = staged ?? joined(s);
      if (staged) peer.transport(transportId, 'recv');
      await room.connectTransport(peer, transportId, dtlsParameters);
      return {};
    },

    produce: async (s, req) => {
      const { room, peer, meeting } = joined(s);
      const source = producerSource(req.kind, req.appData);
      const sharing = source === 'screen' || source === 'screen-audio';
      if (sharing && !meeting.info.settings.guestsCanShare && !isModerator(peer.role)) {
        throw new ProtocolError(ErrorCode.FORBIDDEN, 'the host does not allow guests to share their screen');
      }
      return { producerId: await room.produce(peer, { ...req, source }) };
    },

    consume: (s, req) => {
      const { room, peer } = joined(s);
      return room.consume(peer, req);
    },

    resumeConsumer: async (s, { consumerId }) => {
      const { room, peer } = joined(s);
      await room.video.setConsumerPaused(peer, consumerId, false);
      return {};
    },

    pauseConsumer: async (s, { consumerId }) => {
      const { room, peer } = joined(s);
      await room.video.setConsumerPaused(peer, consumerId, true);
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
      deps.resumes.forget(s.membership);
      s.membership.leave();
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
