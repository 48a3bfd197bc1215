/** Public types of `CallClient`: what UI code sees through its events and getters. */
import type { types as ms } from 'mediasoup-client';
import type {
  ChatMessage,
  LobbyEntry,
  MediaKind,
  MediaSource,
  MeetingFlags,
  Reaction,
  RecordingChanged,
  Role,
} from '@/lib/protocol';
import type { ProtocolErrorCode } from './request';

/**
 * Lifecycle of a CallClient:
 * idle -> connecting -> joining -> joined; a signaling drop with a resumable session stays
 * `joined` (media keeps flowing, see `recovery`); joined -> reconnecting -> joining (the session
 * is lost and is joined again from scratch); joined -> closed -> joining (the server closed the
 * room: joined again automatically); any -> failed | ended | left.
 */
export type CallState =
  | 'idle'
  | 'connecting'
  | 'joining'
  | 'waiting'
  | 'joined'
  | 'reconnecting'
  | 'closed'
  | 'failed'
  | 'ended'
  | 'left';

/** Why a call ended for good (state `ended`). */
export interface CallEnd {
  reason: 'meeting-ended' | 'removed' | 'denied' | 'refused';
  message: string;
  /** The server's error code behind a refusal, so the page can say it in its own language. */
  code?: string;
}

/** What the server says about this participant and the meeting at each (re)join. */
export interface JoinInfo {
  self: { participantId: string; role: Role };
  meeting: MeetingFlags;
  chat: ChatMessage[];
  lobby: LobbyEntry[];
  /** Remote peers' roles and raised hands at join time. */
  peers: Array<{ peerId: string; role: Role; handRaised: boolean }>;
}

export type SignalingState = 'disconnected' | 'connecting' | 'connected';
export type TransportState = ms.ConnectionState | 'none';

export interface ConnectionSnapshot {
  signaling: SignalingState;
  send: TransportState;
  recv: TransportState;
}

export interface RemotePeer {
  peerId: string;
  userId: string;
  role: Role;
  handRaised: boolean;
  /** Their signaling dropped and the server keeps their place while they reconnect. */
  reconnecting: boolean;
}

/**
 * What the client is doing to keep the call: nothing; the server announced a restart (the call
 * still runs); the signaling dropped and the session is kept while reconnecting (`resuming`); the
 * session is lost and the meeting is joined again (`rejoining`). Every phase but `none` retries
 * on its own until it works or the call ends for good.
 */
export type RecoveryPhase = 'none' | 'server-restarting' | 'resuming' | 'rejoining';

export interface RecoveryStatus {
  phase: RecoveryPhase;
  /** The server is restarting (serverRestarting, or the room closed for a shutdown). */
  serverRestart: boolean;
  /** Attempts (reconnections and re-joins) that failed since the recovery began. */
  failures: number;
}

/** What a resumed session learnt about the meeting while its signaling was away. */
export interface ResyncInfo extends JoinInfo {
  self: JoinInfo['self'] & { handRaised: boolean };
  activeSpeakerPeerId: string | null;
}

/** A remote producer this client receives. The track is live until `trackRemoved`. */
export interface RemoteTrack {
  peerId: string;
  producerId: string;
  consumerId: string;
  kind: MediaKind;
  source: MediaSource | null;
  /** True while the sender has paused its producer (muted mic / stopped camera). */
  paused: boolean;
  /** Lowest transmission score (0 lost … 10 perfect) last reported by the server; null before. */
  score: number | null;
  /**
   * Whether this client receives it: false for a video kept paused on the server because the
   * viewer cannot see it (see `view.setFilter` / `view.setReceiving`). Audio is always received.
   */
  receiving: boolean;
  /** Held back by the server: the sender is not among the recent speakers (last-N). */
  suspended: boolean;
  track: MediaStreamTrack;
}

export interface ProducerStateEvent {
  peerId: string;
  producerId: string;
  kind: MediaKind | null;
  source: MediaSource | null;
}

export type RoomClosedReason = 'worker-died' | 'server-shutdown' | 'closed';

export type CallWarningCode =
  | ProtocolErrorCode
  | 'CANNOT_PRODUCE'
  | 'PRODUCE_FAILED'
  | 'CONSUME_FAILED'
  | 'TRANSPORT_FAILED'
  | 'TRACK_ENDED';

/** Something went wrong without ending the call (one track failed, a request was refused...). */
export interface CallWarning {
  code: CallWarningCode;
  message: string;
}

export type CallClientEvents = {
  state: [CallState];
  connectionState: [ConnectionSnapshot];
  peerAdded: [RemotePeer];
  peerRemoved: [RemotePeer];
  trackAdded: [RemoteTrack];
  trackRemoved: [RemoteTrack];
  producerPaused: [ProducerStateEvent];
  producerResumed: [ProducerStateEvent];
  roomClosed: [{ callId: string; reason: RoomClosedReason }];
  /** The room's dominant speaker changed (null: nobody is speaking). */
  activeSpeaker: [string | null];
  /** Loudest microphones of the last interval; volume in dBov (-127 silent … 0 loud). */
  audioLevels: [AudioLevel[]];
  warning: [CallWarning];
  joinInfo: [JoinInfo];
  /** The signaling came back and the session was resumed: merge what changed meanwhile. */
  resynced: [ResyncInfo];
  recovery: [RecoveryStatus];
  /** A remote participant's signaling dropped (`reconnecting` true) or came back. */
  peerConnection: [{ peerId: string; reconnecting: boolean }];
  ended: [CallEnd];
  chatMessage: [ChatMessage];
  handRaised: [{ peerId: string; raised: boolean }];
  reaction: [{ peerId: string; emoji: Reaction }];
  lobbyChanged: [LobbyEntry[]];
  /** While waiting to be let in: whether a host or co-host is in the call to do it. */
  hostPresence: [boolean];
  roleChanged: [{ peerId: string; role: Role }];
  meetingUpdated: [MeetingFlags];
  /** Recording started or stopped (the flag itself also arrives in `meetingUpdated`). */
  recordingChanged: [RecordingChanged];
  /** Quality of a received track: the lower of our path's and the sender's score (0 … 10). */
  trackScore: [{ consumerId: string; score: number }];
  /** The server held a received video back for last-N (`suspended`), or let it through again. */
  trackSuspended: [{ consumerId: string; suspended: boolean }];
  /** A host turned off this participant's microphone or camera (already paused here). */
  forcedOff: [{ source: 'microphone' | 'camera'; by: string }];
};

export interface AudioLevel {
  peerId: string;
  volume: number;
}

export interface CallClientOptions {
  /** Signaling server URL; same origin when omitted. */
  url?: string;
  /** Per-request ack timeout. */
  requestTimeoutMs?: number;
  /** How long `join()` waits for the first signaling connection. */
  connectTimeoutMs?: number;
  /** Supplies the handshake credentials at every (re)connection, e.g. a fresh meeting token. */
  auth?: () => Promise<{ token: string; meetingId: string } | null>;
  /** Delay before reconnect attempt n (1-based); the product's schedule (reconnectBackoff) when omitted. */
  reconnectDelay?: (attempt: number) => number;
  /**
   * mediasoup-client handler; the browser's own when omitted. Node programs (load generators,
   * signaling tests) pass mediasoup-client's FakeHandler factory.
   */
  handlerFactory?: ms.HandlerFactory;
}

export interface JoinOptions {
  callId: string;
  userId: string;
  /** Local camera/microphone; its first audio and first video track are published. Omit to receive only. */
  stream?: MediaStream | null;
}

/** What this client publishes, keyed by source. */
export interface LocalPublication {
  source: MediaSource;
  kind: MediaKind;
  producerId: string;
  paused: boolean;
}
