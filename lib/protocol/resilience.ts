/**
 * What keeps a call alive on real networks: session resume after a signaling drop, ICE restarts,
 * TURN servers with time-limited credentials, and the server's drain before a restart.
 *
 * Resume: every successful `joinRoom` (and every resume) hands the client a fresh, single-use
 * `resumeToken`. When the socket drops, the server keeps the peer (transports, producers and
 * consumers keep forwarding media) for `resumeGraceS`. The client reconnects with
 * `auth: { token, meetingId, resume: resumeToken }`; the server re-checks the meeting token and
 * the resume token at the handshake, re-attaches the new socket to the same peer and sends
 * `sessionResumed` with a snapshot to re-sync from (or `resumeRejected`: join from scratch).
 */
import { z } from 'zod';
import type { PeerInfo, ProducerInfo } from './entities';
import type { ChatMessage, LobbyEntry, MeetingFlags, Role } from './meeting';
import { entityIdSchema } from './rtp';

/** An RTCIceServer as the browser takes it (TURN with REST API credentials). */
export interface IceServerWire {
  urls: string[];
  username: string;
  credential: string;
}

/** TURN servers for this participant; empty when the server has none configured. */
export interface IceServersInfo {
  iceServers: IceServerWire[];
  /** Epoch ms after which the credentials stop working; null without TURN. */
  expiresAt: number | null;
  /** Epoch ms at which to ask for fresh ones (`getIceServers`); null without TURN. */
  refreshAt: number | null;
}

/** Resume credentials: single use; each resume hands out the next one. */
export interface ResumeInfo {
  resumeToken: string;
  /** How long the server keeps this peer after its socket drops, in seconds. */
  resumeGraceS: number;
}

/** Handshake auth fields (`io({ auth })`), validated by the server. */
export const handshakeAuthSchema = z
  .object({
    token: z.string().min(1).max(4096).optional(),
    meetingId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    /** A resume token from `joinRoom`/`sessionResumed`: re-attach to that peer. */
    resume: z.string().min(16).max(256).optional(),
  })
  .optional();
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

export const resilienceRequestSchemas = {
  /** New ICE parameters for one of the caller's own transports (network change, NAT rebinding). */
  restartIce: z.object({ transportId: entityIdSchema }),
  /** Fresh TURN credentials before the current ones expire. */
  getIceServers: z.object({}).optional(),
  /** Round trip for connection checks (diagnostics); answers the server's clock. */
  ping: z.object({}).optional(),
} as const;

export interface ResilienceResults {
  restartIce: { iceParameters: { usernameFragment: string; password: string; iceLite?: boolean } };
  getIceServers: IceServersInfo;
  ping: { serverTime: number };
}

/** Everything a resumed client needs to re-sync what it missed while its socket was gone. */
export interface ResumeSnapshot extends ResumeInfo {
  peerId: string;
  self: { participantId: string; role: Role; handRaised: boolean };
  peers: PeerInfo[];
  /** Every producer of the others, so the client consumes new ones and drops closed ones. */
  producers: ProducerInfo[];
  meeting: MeetingFlags;
  /** The chat so far (oldest first); the client merges by id. */
  chat: ChatMessage[];
  lobby: LobbyEntry[];
  activeSpeakerPeerId: string | null;
  /** TURN servers for transports created from now on (fresh credentials). */
  ice?: IceServersInfo;
  /**
   * What the server still holds of this peer's own media: transports (one the server closed
   * after a long ICE disconnection is missing: create a new one), producers (a host may have
   * paused one) and consumers (those whose producer went away are gone).
   */
  own?: { transportIds: string[]; producers: ProducerInfo[]; consumerIds: string[] };
}

export interface ResilienceNotifications {
  /** To a reconnected socket: it is the same peer again. */
  sessionResumed: (e: ResumeSnapshot) => void;
  /** To a reconnected socket whose resume failed (grace over, server restarted): join again. */
  resumeRejected: (e: { reason: string }) => void;
  /** To the others: a participant's signaling dropped (`reconnecting`) or came back (`connected`). */
  peerConnection: (e: { peerId: string; state: 'reconnecting' | 'connected' }) => void;
  /**
   * To a connection whose participant joined the meeting again from another connection (a new
   * tab or device): this connection is closed after this; do not reconnect it automatically.
   */
  sessionReplaced: (e: { callId: string; message: string }) => void;
  /** The server is about to restart (deploy): reconnect and rejoin from `afterMs` on. */
  serverRestarting: (e: { afterMs: number }) => void;
}
