/**
 * Requests (client → server), their zod schemas and the ack data each answers with. Every request
 * is emitted with an ack callback; the server trusts only what these schemas accept.
 */
import { z } from 'zod';
import type { Ack } from './errors';
import type { ConsumerParams, PeerInfo, ProducerInfo, TransportParams } from './entities';
import {
  REACTIONS,
  chatTextSchema,
  type ChatMessage,
  type LobbyEntry,
  type MeetingFlags,
  type Role,
} from './meeting';
import {
  appDataSchema,
  callIdSchema,
  dtlsParametersSchema,
  entityIdSchema,
  mediaKindSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  userIdSchema,
  type RtpCapabilitiesWire,
} from './rtp';
import {
  resilienceRequestSchemas,
  type IceServersInfo,
  type ResilienceResults,
  type ResumeInfo,
} from './resilience';
import { recordingRequestSchemas, type RecordingResults } from './recording';
import { layerRequestSchemas, type LayerResults } from './layers';

export const requestSchemas = {
  createRoom: z.object({ callId: callIdSchema }),
  joinRoom: z.object({
    callId: callIdSchema,
    userId: userIdSchema,
    rtpCapabilities: rtpCapabilitiesSchema,
    /**
     * Opt-in, for a client that called prepareJoin: the answer then carries a consumer (already
     * resumed) for every producer in the room, on this receiving transport of the prepared peer.
     */
    prepared: z.object({ recvTransportId: entityIdSchema }).optional(),
  }),
  /**
   * Before joining (the pre-join screen): createRoom's answer and, if the caller could come in
   * right now, a send and a receive transport for the peer it will be. Nobody is told of it.
   */
  prepareJoin: z.object({ callId: callIdSchema }),
  /**
   * After prepareJoin, with the device loaded: a consumer, paused, for every producer in the room
   * on the prepared receiving transport, so that transport connects before the join. Nothing
   * flows until joinRoom (with `prepared`) resumes them; nobody is told of the caller.
   */
  prepareReceive: z.object({ recvTransportId: entityIdSchema, rtpCapabilities: rtpCapabilitiesSchema }),
  createTransport: z.object({ direction: z.enum(['send', 'recv']) }),
  connectTransport: z.object({ transportId: entityIdSchema, dtlsParameters: dtlsParametersSchema }),
  produce: z.object({
    transportId: entityIdSchema,
    kind: mediaKindSchema,
    rtpParameters: rtpParametersSchema,
    appData: appDataSchema.optional(),
  }),
  consume: z.object({
    transportId: entityIdSchema,
    producerId: entityIdSchema,
    rtpCapabilities: rtpCapabilitiesSchema.optional(),
  }),
  resumeConsumer: z.object({ consumerId: entityIdSchema }),
  pauseConsumer: z.object({ consumerId: entityIdSchema }),
  getProducers: z.object({ callId: callIdSchema }),
  /** The seed sends leaveRoom with only the ack callback; an empty object is accepted too. */
  leaveRoom: z.object({}).optional(),
  closeProducer: z.object({ producerId: entityIdSchema }),
  pauseProducer: z.object({ producerId: entityIdSchema }),
  resumeProducer: z.object({ producerId: entityIdSchema }),

  // Meeting control (host and co-hosts; the server checks the caller's role).
  admit: z.object({ participantId: entityIdSchema }),
  admitAll: z.object({}).optional(),
  deny: z.object({ participantId: entityIdSchema }),
  muteParticipant: z.object({ peerId: entityIdSchema }),
  stopParticipantCamera: z.object({ peerId: entityIdSchema }),
  removeParticipant: z.object({ peerId: entityIdSchema }),
  setRole: z.object({ peerId: entityIdSchema, role: z.enum(['cohost', 'guest']) }),
  setMeetingLocked: z.object({ locked: z.boolean() }),
  endMeeting: z.object({}).optional(),

  // Everyone in the call.
  sendChat: z.object({ text: chatTextSchema }),
  raiseHand: z.object({ raised: z.boolean() }),
  sendReaction: z.object({ emoji: z.enum(REACTIONS) }),

  // Resilience: ICE restarts, TURN credential refresh, round-trip checks.
  ...resilienceRequestSchemas,

  // Recording (host and co-hosts).
  ...recordingRequestSchemas,

  // Simulcast layers and last-N (a viewer's own consumers and pins).
  ...layerRequestSchemas,
} as const;

export type RequestName = keyof typeof requestSchemas;
/** Host and co-host controls. */
export type MeetingControlRequest = Extract<
  RequestName,
  | 'admit'
  | 'admitAll'
  | 'deny'
  | 'muteParticipant'
  | 'stopParticipantCamera'
  | 'removeParticipant'
  | 'setRole'
  | 'setMeetingLocked'
  | 'endMeeting'
>;
/** Chat, raised hands and reactions. */
export type SocialRequest = Extract<RequestName, 'sendChat' | 'raiseHand' | 'sendReaction'>;
/** Starting and stopping the meeting's recording. */
export type RecordingRequest = Extract<RequestName, 'startRecording' | 'stopRecording'>;
export type RequestPayload<E extends RequestName> = z.infer<(typeof requestSchemas)[E]>;
export interface ResultMap extends ResilienceResults, RecordingResults, LayerResults {
  createRoom: { rtpCapabilities: RtpCapabilitiesWire };
  joinRoom: {
    peerId: string;
    peers: PeerInfo[];
    rtpCapabilities: RtpCapabilitiesWire;
    activeSpeakerPeerId: string | null;
    /** This participant in the meeting: a stable id (across rejoins) and the role. */
    self: { participantId: string; role: Role };
    meeting: MeetingFlags;
    /** The chat so far (oldest first), so late joiners see it. */
    chat: ChatMessage[];
    /** Who is waiting to be let in (hosts and co-hosts only; empty for others). */
    lobby: LobbyEntry[];
  } & Partial<ResumeInfo> & {
      /** TURN servers for every transport of this participant (absent from older servers). */
      ice?: IceServersInfo;
      /**
       * Only when the request named a prepared receiving transport that is still there: a
       * consumer for each producer in the room, created on it and already resumed (those
       * prepareReceive made keep their ids; the client closes any of those not listed).
       */
      prepared?: { consumers: ConsumerParams[] };
    };
  prepareJoin: {
    rtpCapabilities: RtpCapabilitiesWire;
    /** null: the caller would wait or be refused now, so it gets no transports before joinRoom. */
    transports: { send: TransportParams; recv: TransportParams } | null;
    /** TURN servers for those transports (with the transports only). */
    ice?: IceServersInfo;
  };
  /** Paused consumers on the prepared receiving transport (none once the caller could not come in). */
  prepareReceive: { consumers: ConsumerParams[] };
  createTransport: TransportParams;
  connectTransport: Record<string, never>;
  produce: { producerId: string };
  consume: ConsumerParams;
  resumeConsumer: Record<string, never>;
  pauseConsumer: Record<string, never>;
  getProducers: { producers: ProducerInfo[] };
  leaveRoom: Record<string, never>;
  closeProducer: Record<string, never>;
  pauseProducer: Record<string, never>;
  resumeProducer: Record<string, never>;
  admit: Record<string, never>;
  admitAll: { admitted: number };
  deny: Record<string, never>;
  muteParticipant: Record<string, never>;
  stopParticipantCamera: Record<string, never>;
  removeParticipant: Record<string, never>;
  setRole: Record<string, never>;
  setMeetingLocked: Record<string, never>;
  endMeeting: Record<string, never>;
  sendChat: { message: ChatMessage };
  raiseHand: Record<string, never>;
  sendReaction: Record<string, never>;
}

/** Socket.IO's typed map: each request takes its payload and an ack callback. */
export type ClientToServerEvents = {
  [E in RequestName]: (payload: RequestPayload<E>, ack: (res: Ack<ResultMap[E]>) => void) => void;
};

export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];

/** Socket.IO message size cap: signaling messages are a few KB; 64 KB leaves room for SDP-sized params. */
export const MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024;
