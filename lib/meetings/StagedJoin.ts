/**
 * A member's join made ready on the pre-join screen: a peer nobody sees (Room.stage: no
 * peerJoined, attendance or notification to others) with its two transports, and, once the
 * device is loaded, paused consumers on its receiving transport. Only for someone the meeting
 * would let straight in now; asked again before the consumers are made. `take` hands the peer to
 * the join, `close` frees it with everything on it.
 */
import { ErrorCode, ProtocolError, type RtpCapabilitiesWire, type TransportParams } from '@/lib/protocol';
import type { Peer, PeerConnection } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import type { MemberIdentity } from './Membership';
import type { MeetingRegistry } from './MeetingRegistry';

export interface StagedJoinDeps {
  meetings: MeetingRegistry;
  identity: MemberIdentity;
  /** The open media room of a meeting (a new one only if the member may open one). */
  roomFor(callId: string): Promise<Room>;
  /** How the member is reached now. */
  connection(): PeerConnection;
}

export interface StagedPeer {
  room: Room;
  peer: Peer;
}

export class StagedJoin {
  readonly #deps: StagedJoinDeps;
  #staged: StagedPeer | undefined;

  constructor(deps: StagedJoinDeps) {
    this.#deps = deps;
  }

  /** The staged peer while it and its room are open. */
  get current(): StagedPeer | undefined {
    const staged = this.#staged;
    if (!staged || staged.room.closed || staged.peer.closed) return undefined;
    return staged;
  }

  /**
   * What createRoom answers and, only if the member could come in now, two transports on a new
   * staged peer (any earlier one is closed). Someone who would wait or be refused learns nothing
   * more than createRoom tells.
   */
  async stage(callId: string): Promise<{
    rtpCapabilities: RtpCapabilitiesWire;
    transports: { send: TransportParams; recv: TransportParams } | null;
  }> {
    const { room, role } = await this.#admission(callId);
    this.close();
    if (role === null) return { rtpCapabilities: room.rtpCapabilities, transports: null };
    const { participantId } = this.#deps.identity;
    const peer = room.stage(this.#deps.connection(), { participantId, role });
    this.#staged = { room, peer };
    try {
      const [send, recv] = await Promise.all([
        room.createTransport(peer, 'send'),
        room.createTransport(peer, 'recv'),
      ]);
      return { rtpCapabilities: room.rtpCapabilities, transports: { send, recv } };
    } catch (err) {
      if (this.#staged?.peer === peer) this.close();
      throw err;
    }
  }

  /**
   * The staged peer and its receiving transport `transportId`, if the member could still come
   * straight in; closes the staged peer (NOT_JOINED) otherwise, e.g. the meeting was locked since.
   */
  async admitted(transportId: string): Promise<StagedPeer> {
    const staged = this.current;
    if (!staged) throw new ProtocolError(ErrorCode.NOT_JOINED, 'prepare the join first (prepareJoin)');
    staged.peer.transport(transportId, 'recv');
    const { role } = await this.#admission(staged.room.callId);
    if (role === null || this.current !== staged) {
      if (this.#staged === staged) this.close();
      throw new ProtocolError(ErrorCode.NOT_JOINED, 'you cannot come straight in; join to ask');
    }
    return staged;
  }

  /** Hands the staged peer over to the join into `room`, if there is one for it; else closes it. */
  take(room: Room): Peer | undefined {
    const staged = this.#staged?.room === room ? this.#staged.peer : undefined;
    if (!staged) this.close();
    this.#staged = undefined;
    return staged;
  }

  /** Closes the staged peer with its transports and consumers, if any. Idempotent. */
  close(): void {
    this.#staged?.room.unstage(this.#staged.peer);
    this.#staged = undefined;
  }

  /** The meeting's media room and the role the member would come straight in with, or null. */
  async #admission(callId: string): Promise<{ room: Room; role: ReturnType<MeetingRegistry['admitsNow']> }> {
    const { meetings, identity } = this.#deps;
    const found = await meetings.find(callId, { tokenMeetingId: identity.meetingId });
    const revoked =
      identity.meetingId !== null && (await meetings.records.isRevoked(callId, identity.participantId));
    const room = await this.#deps.roomFor(callId);
    const who = { participantId: identity.participantId, role: identity.role };
    return { room, role: meetings.admitsNow(found, who, revoked, room.peers.size) };
  }
}
