/** Notifications (server → client): what the server tells a connection without being asked. */
import type { PeerInfo, ProducerInfo } from './entities';
import type { RecordingNotifications } from './recording';
import type { ResilienceNotifications } from './resilience';
import type { LayerNotifications } from './layers';
import type { ChatMessage, LobbyEntry, MeetingFlags, Reaction, Role, RoomCloseReason } from './meeting';

export interface ServerToClientEvents
  extends ResilienceNotifications, RecordingNotifications, LayerNotifications {
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
  roomClosed: (e: { callId: string; reason: RoomCloseReason }) => void;

  /** To hosts and co-hosts: the waiting room changed. */
  lobbyChanged: (e: { waiting: LobbyEntry[] }) => void;
  /**
   * To a waiting guest: whether a host or co-host is in the call to let them in (sent when they
   * start waiting and whenever that changes while they wait).
   */
  waitingStatus: (e: { callId: string; hostPresent: boolean }) => void;
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
