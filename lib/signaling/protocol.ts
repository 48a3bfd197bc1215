/**
 * The signaling wire format, shared by the browser client and the server: event names,
 * zod schemas for every client request, ack and notification types, error codes.
 * Types describe the shape; the schemas are what the server actually trusts.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------

/** Meeting/call ids: 1-128 characters of a URL-safe alphabet. */
export const callIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "-" and "_" are allowed');
export const userIdSchema = z.string().trim().min(1).max(128);
/** Ids the server generated (mediasoup uses UUIDs); bounded so lookups stay cheap. */
export const entityIdSchema = z.string().min(1).max(64);
export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;
export const mediaSourceSchema = z.enum(['camera', 'microphone', 'screen', 'screen-audio']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

const shortString = z.string().max(256);
const paramValue = z.union([z.string().max(256), z.number(), z.boolean()]);
const codecParameters = z
  .record(z.string().max(64), paramValue)
  .refine((r) => Object.keys(r).length <= 32, 'too many codec parameters');
const rtcpFeedback = z.object({ type: z.string().max(32), parameter: z.string().max(32).optional() });

const capabilityCodec = z.looseObject({
  kind: mediaKindSchema,
  mimeType: z.string().max(64),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});
const capabilityHeaderExtension = z.looseObject({
  kind: mediaKindSchema,
  uri: z.string().max(256),
  preferredId: z.number().int().min(1).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
});
export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(capabilityCodec).max(64).optional(),
  headerExtensions: z.array(capabilityHeaderExtension).max(64).optional(),
});
export type RtpCapabilitiesWire = z.infer<typeof rtpCapabilitiesSchema>;

const rtpCodecParameters = z.looseObject({
  mimeType: z.string().max(64),
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});
const rtpEncoding = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: z.number().int().optional(),
  rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
  maxBitrate: z.number().positive().optional(),
});
export const rtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(rtpCodecParameters).min(1).max(16),
  headerExtensions: z
    .array(
      z.looseObject({
        uri: z.string().max(256),
        id: z.number().int().min(1).max(255),
        encrypt: z.boolean().optional(),
        parameters: codecParameters.optional(),
      }),
    )
    .max(32)
    .optional(),
  encodings: z.array(rtpEncoding).max(8).optional(),
  rtcp: z.looseObject({ cname: shortString.optional(), reducedSize: z.boolean().optional() }).optional(),
});
export type RtpParametersWire = z.infer<typeof rtpParametersSchema>;

export const dtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.string().max(16), value: z.string().max(256) }))
    .min(1)
    .max(8),
});
export type DtlsParametersWire = z.infer<typeof dtlsParametersSchema>;

/** Free-form producer metadata: small, flat, and with a known `source` when given. */
export const appDataSchema = z
  .record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 16, 'at most 16 appData keys')
  .refine(
    (r) => r.source === undefined || mediaSourceSchema.safeParse(r.source).success,
    'appData.source must be camera, microphone, screen or screen-audio',
  );
export type AppDataWire = z.infer<typeof appDataSchema>;

export const CHAT_MAX_LENGTH = 2000;
/** Chat text: trimmed, 1-2000 characters. Rendered as text by clients, never as HTML. */
export const chatTextSchema = z.string().trim().min(1, 'empty message').max(CHAT_MAX_LENGTH);
export const REACTIONS = ['👍', '👏', '❤️', '😂', '😮', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const roleSchema = z.enum(['host', 'cohost', 'guest']);
export type Role = z.infer<typeof roleSchema>;

// ---------------------------------------------------------------------------
// Requests (client -> server). Each is emitted with an ack callback.
// ---------------------------------------------------------------------------

export const requestSchemas = {
  createRoom: z.object({ callId: callIdSchema }),
  joinRoom: z.object({
    callId: callIdSchema,
    userId: userIdSchema,
    rtpCapabilities: rtpCapabilitiesSchema,
  }),
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
export type RequestPayload<E extends RequestName> = z.infer<(typeof requestSchemas)[E]>;

// ---------------------------------------------------------------------------
// Results (ack data) and errors
// ---------------------------------------------------------------------------

export const ErrorCode = {
  /** The payload failed validation. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The action needs a joined room and this socket has not joined one. */
  NOT_JOINED: 'NOT_JOINED',
  ALREADY_JOINED: 'ALREADY_JOINED',
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  /** The id is not one of the caller's own transports/producers/consumers (or its room's producers). */
  NOT_FOUND: 'NOT_FOUND',
  /** The viewer's device cannot receive this producer's codec. */
  CANNOT_CONSUME: 'CANNOT_CONSUME',
  /** A per-peer cap (transports, producers, consumers) is reached. */
  LIMIT_REACHED: 'LIMIT_REACHED',
  /** The transport exists but is of the wrong direction for this action. */
  WRONG_TRANSPORT: 'WRONG_TRANSPORT',
  /** The room was closed (its media worker died or the server is shutting down). */
  ROOM_CLOSED: 'ROOM_CLOSED',
  /** mediasoup refused the parameters (e.g. unsupported codec, bad DTLS). */
  MEDIA_REJECTED: 'MEDIA_REJECTED',
  /** The connection has no valid meeting token where one is needed (handshake errors too). */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The caller's role does not allow this action. */
  FORBIDDEN: 'FORBIDDEN',
  /** The meeting has a waiting room: wait for `admitted`, then joinRoom again. */
  WAITING_ROOM: 'WAITING_ROOM',
  /** The host locked the meeting: no newcomers. */
  LOCKED: 'LOCKED',
  /** The host removed this participant: they cannot come back. */
  REMOVED: 'REMOVED',
  /** The meeting was ended by its host. */
  MEETING_ENDED: 'MEETING_ENDED',
  /** Too many requests of this kind; slow down. */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface WireError {
  code: ErrorCode;
  message: string;
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: WireError };

export interface PeerInfo {
  peerId: string;
  userId: string;
  /** Meeting role; absent from servers that predate roles. */
  role?: Role;
  handRaised?: boolean;
}
export interface ChatMessage {
  id: string;
  senderId: string;
  senderName: string;
  text: string;
  /** Epoch milliseconds. */
  createdAt: number;
}
export interface LobbyEntry {
  participantId: string;
  displayName: string;
  /** When they started waiting, epoch ms. */
  since: number;
}
export interface MeetingFlags {
  /** Whether the meeting has an owner (host controls exist); open meetings have none. */
  hosted: boolean;
  locked: boolean;
  waitingRoom: boolean;
  guestsCanShare: boolean;
}
export interface ProducerInfo {
  producerId: string;
  peerId: string;
  userId: string;
  kind: MediaKind;
  source: MediaSource | null;
  paused: boolean;
}
export interface TransportParams {
  id: string;
  iceParameters: { usernameFragment: string; password: string; iceLite?: boolean };
  iceCandidates: Array<{
    foundation: string;
    priority: number;
    ip: string;
    address: string;
    protocol: 'udp' | 'tcp';
    port: number;
    type: 'host' | 'srflx' | 'prflx' | 'relay';
    tcpType?: 'active' | 'passive' | 'so';
  }>;
  dtlsParameters: DtlsParametersWire;
  sctpParameters?: { port: number; OS: number; MIS: number; maxMessageSize: number };
}
export interface ConsumerParams {
  id: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  rtpParameters: RtpParametersWire;
  source: MediaSource | null;
  producerPaused: boolean;
}

export interface ResultMap {
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
  };
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

// ---------------------------------------------------------------------------
// Notifications (server -> client)
// ---------------------------------------------------------------------------

export interface ServerToClientEvents {
  peerJoined: (e: PeerInfo) => void;
  peerLeft: (e: PeerInfo) => void;
  newProducer: (e: ProducerInfo) => void;
  producerClosed: (e: { producerId: string; peerId: string }) => void;
  producerPaused: (e: { producerId: string; peerId: string }) => void;
  producerResumed: (e: { producerId: string; peerId: string }) => void;
  /** One of the caller's consumers was closed by the server (its producer or transport went away). */
  consumerClosed: (e: { consumerId: string; producerId: string }) => void;
  /**
   * Transmission quality of one of the caller's consumers, 0 (lost) … 10 (perfect): `score` for
   * the path from the server to the caller, `producerScore` for the sender's path to the server.
   */
  consumerScore: (e: { consumerId: string; score: number; producerScore: number }) => void;
  /** The dominant speaker changed (mediasoup ActiveSpeakerObserver); null when nobody speaks. */
  activeSpeaker: (e: { peerId: string | null }) => void;
  /** Loudest microphones of the last interval, volume in dBov (-127 silent … 0 loudest). */
  audioLevels: (e: { levels: Array<{ peerId: string; volume: number }> }) => void;
  /** The room is gone (worker died, server shutting down). Rejoin to continue. */
  roomClosed: (e: { callId: string; reason: 'worker-died' | 'server-shutdown' | 'closed' }) => void;

  /** To hosts and co-hosts: the waiting room changed. */
  lobbyChanged: (e: { waiting: LobbyEntry[] }) => void;
  /** To a waiting guest: you may join now (send joinRoom again). */
  admitted: (e: { callId: string }) => void;
  /** To a waiting guest: the host declined; the connection is closed after this. */
  denied: (e: { callId: string; message: string }) => void;
  /** To a removed participant: you were removed; the connection is closed after this. */
  removed: (e: { callId: string; message: string }) => void;
  /** The meeting was ended by its host, for everyone. */
  meetingEnded: (e: { callId: string }) => void;
  /** To a participant: a host turned off your microphone or camera. */
  forcedOff: (e: { source: 'microphone' | 'camera'; by: string }) => void;
  roleChanged: (e: { peerId: string; role: Role }) => void;
  meetingUpdated: (e: MeetingFlags) => void;
  chatMessage: (e: ChatMessage) => void;
  handRaised: (e: { peerId: string; raised: boolean }) => void;
  reaction: (e: { peerId: string; emoji: Reaction }) => void;
}

/** Socket.IO's typed map: each request takes its payload and an ack callback. */
export type ClientToServerEvents = {
  [E in RequestName]: (payload: RequestPayload<E>, ack: (res: Ack<ResultMap[E]>) => void) => void;
};

export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];

/** Socket.IO message size cap: signaling messages are a few KB; 64 KB leaves room for SDP-sized params. */
export const MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024;
