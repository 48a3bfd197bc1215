/** Descriptions of peers, producers, transports and consumers carried in acks and notifications. */
import type { Role } from './meeting';
import type { DtlsParametersWire, MediaKind, MediaSource, RtpParametersWire } from './rtp';

export interface PeerInfo {
  peerId: string;
  userId: string;
  /** Meeting role; absent from servers that predate roles. */
  role?: Role;
  handRaised?: boolean;
  /** Their signaling dropped and the server keeps their place while they reconnect. */
  reconnecting?: boolean;
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
