/**
 * One participant's membership of a meeting: admission (join, wait or refusal), the waiting room,
 * presence in the media room, attendance, and release. The only place where anyone enters or leaves
 * a meeting. It relays the meeting's events that concern this participant while it holds it, and
 * reaches the browser only through a replaceable `PeerConnection` (`attach`), so a membership and
 * its peer can outlive one socket.
 */
import type { Logger } from '@/lib/log';
import {
  ErrorCode,
  ProtocolError,
  type LobbyEntry,
  type MeetingFlags,
  type ResultMap,
  type Role,
  type RtpCapabilitiesWire,
} from '@/lib/protocol';
import type { Notify, Peer, PeerConnection } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import type { LiveMeeting, LiveMeetingListeners } from './LiveMeeting';
import type { MeetingRegistry } from './MeetingRegistry';
import { isModerator } from './permissions';
import { StagedJoin } from './StagedJoin';

/** Let a notice reach the browser before its connection is cut. */
export const NOTICE_GRACE_MS = 250;
const CHAT_HISTORY = 200;
const REPLACED = 'You joined this meeting from another tab or device, so this one left the call.';

export interface MemberIdentity {
  participantId: string;
  /** The meeting the connection's token was issued for; null for an anonymous connection. */
  meetingId: string | null;
  role: Role;
  userId: string | null;
}

export interface MembershipDeps {
  meetings: MeetingRegistry;
  rooms: RoomRegistry;
  identity: MemberIdentity;
  /** Asked before a new media room is opened for this member; throws LIMIT_REACHED or RATE_LIMITED. */
  allowNewRoom(): Promise<void>;
  /** Told after every `leave()` (e.g. to void the member's resume token). */
  onLeave?(): void;
  log: Logger;
}

/** A member who is in a meeting's media room. */
export interface Joined {
  room: Room;
  peer: Peer;
  meeting: LiveMeeting;
}

export class Membership {
  readonly #deps: MembershipDeps;
  #connection: PeerConnection;
  #meeting: LiveMeeting | undefined;
  #unlisten: (() => void) | undefined;
  #waiting = false;
  #room: Room | undefined;
  #peer: Peer | undefined;
  #attendanceId: string | undefined;
  /** A peer set up before joining (see StagedJoin), not in its room yet. */
  readonly #staging: StagedJoin;
  #log: Logger;

  constructor(deps: MembershipDeps, connection: PeerConnection) {
    this.#deps = deps;
    this.#connection = connection;
    this.#log = deps.log;
    this.#staging = new StagedJoin({
      meetings: deps.meetings,
      identity: deps.identity,
      roomFor: (callId) => this.#roomFor(callId),
      connection: () => this.#connection,
    });
  }

  /** The join prepared on the pre-join screen (prepareJoin, prepareReceive). */
  get staging(): StagedJoin {
    return this.#staging;
  }

  /** The member's logger; names the room and peer while joined. */
  get log(): Logger {
    return this.#log;
  }

  get participantId(): string {
    return this.#deps.identity.participantId;
  }

  get identity(): MemberIdentity {
    return this.#deps.identity;
  }

  /** The connection the member is reached through now. */
  get connection(): PeerConnection {
    return this.#connection;
  }

  /** The member's room and peer while both are open; undefined otherwise (no side effects). */
  get present(): Joined | undefined {
    const [room, peer, meeting] = [this.#room, this.#peer, this.#meeting];
    if (!room || room.closed || !peer || peer.closed || !meeting) return undefined;
    return { room, peer, meeting };
  }

  /** Reaches the member through another connection from now on (the peer too). */
  attach(connection: PeerConnection): void {
    this.#connection = connection;
    this.#peer?.attach(connection);
  }

  /** The meeting room this member is in; throws NOT_JOINED or ROOM_CLOSED otherwise. */
  joined(): Joined {
    if (this.#room?.closed || this.#peer?.closed) {
      // The media room (or the member's router in it) closed under the member (its worker died):
      // presence ends, the meeting stays.
      this.#leaveRoom();
      throw new ProtocolError(ErrorCode.ROOM_CLOSED, 'the meeting was closed; join again');
    }
    const room = this.#room;
    const peer = this.#peer;
    const meeting = this.#meeting;
    if (!room || !peer || !meeting || peer.closed) {
      throw new ProtocolError(ErrorCode.NOT_JOINED, 'join a meeting first (joinRoom)');
    }
    return { room, peer, meeting };
  }

  /** The seed's createRoom: checks access, opens the media room if need be, returns its capabilities. */
  async prepare(callId: string): Promise<RtpCapabilitiesWire> {
    await this.#deps.meetings.find(callId, { tokenMeetingId: this.#deps.identity.meetingId });
    return (await this.#roomFor(callId)).rtpCapabilities;
  }

  /** The pre-join screen: see StagedJoin.stage. */
  stage(callId: string): ReturnType<StagedJoin['stage']> {
    if (this.present) throw new ProtocolError(ErrorCode.ALREADY_JOINED, 'already in a meeting');
    return this.#staging.stage(callId);
  }

  /**
   * Joins the meeting's room, or puts the member in its waiting room (WAITING_ROOM). `entered` is
   * told as soon as the member is in the room, before attendance is written and chat read.
   */
  async join(
    callId: string,
    userId: string,
    rtpCapabilities: RtpCapabilitiesWire,
    entered?: (joined: Joined) => void,
  ): Promise<ResultMap['joinRoom']> {
    const { meetings, identity } = this.#deps;
    if (this.#room && !this.#room.closed && this.#peer && !this.#peer.closed) {
      throw new ProtocolError(
        ErrorCode.ALREADY_JOINED,
        `already in meeting ${this.#room.callId}; leaveRoom first`,
      );
    }
    const found = await meetings.find(callId, { tokenMeetingId: identity.meetingId });
    const revoked =
      identity.meetingId !== null && (await meetings.records.isRevoked(callId, identity.participantId));
    // What is left of an earlier membership: a room that closed under it, or another meeting.
    this.#leaveRoom();
    if (this.#meeting && this.#meeting.id !== callId) this.leave();
    const meeting = meetings.open(found, this);
    this.#listen(meeting);
    let room: Room;
    let role: Role;
    try {
      this.#admit(meeting, revoked, userId);
      room = await this.#roomFor(callId);
      // Decide again: the meeting may have changed while the room was opening.
      role = this.#admit(meeting, revoked, userId);
      if (this.#waiting) meeting.stopWaiting(identity.participantId);
      this.#waiting = false;
      this.#enter(room, userId, rtpCapabilities, role);
      meeting.present(this, role);
      // Another connection of this participant (a stale socket, another tab) gives way; after
      // entering, so the room never empties (and closes) in between.
      if (identity.meetingId !== null) meeting.supersede(identity.participantId, this);
      entered?.(this.joined());
    } catch (err) {
      // Not straight in: what was prepared for a straight entry goes (paused consumers included).
      if (!this.#peer) this.#staging.close();
      if (!this.#peer && !this.#waiting) this.#release();
      throw err;
    }
    if (!found.stored) {
      await meetings.store(meeting).catch((err: unknown) => {
        this.leave();
        throw err;
      });
    }
    return this.#welcome(room, meeting, userId, role);
  }

  /** Leaves the room and the waiting room, ends attendance, lets go of the meeting. Idempotent. */
  leave(): void {
    this.#staging.close();
    this.#leaveRoom();
    this.#release();
    this.#deps.onLeave?.();
  }

  /** Admission now: returns the role to join with, or throws (refused, or WAITING_ROOM). */
  #admit(meeting: LiveMeeting, revoked: boolean, userId: string): Role {
    const { participantId } = this.#deps.identity;
    const role = meeting.roleOf(participantId, this.#deps.identity.role);
    const room = this.#openRoom(meeting.id);
    const decision = meeting.admission({ role, participantId, revoked, participants: room?.peers.size ?? 0 });
    if (decision.kind === 'refuse') throw new ProtocolError(decision.code, decision.message);
    if (decision.kind === 'wait') {
      meeting.wait(participantId, userId);
      this.#waiting = true;
      // Sent before the WAITING_ROOM answer, so the waiting screen knows at once whether anyone
      // is there to let them in.
      this.#connection.notify('waitingStatus', { callId: meeting.id, hostPresent: meeting.moderatorPresent });
      throw new ProtocolError(
        ErrorCode.WAITING_ROOM,
        'You are in the waiting room. The host will let you in soon.',
      );
    }
    return role;
  }

  #enter(room: Room, userId: string, rtpCapabilities: RtpCapabilitiesWire, role: Role): void {
    const staged = this.#staging.take(room);
    const member = { participantId: this.participantId, role };
    let peer: Peer;
    try {
      peer = room.join(userId, rtpCapabilities, this.#connection, member, staged);
    } finally {
      if (staged) room.unstage(staged); // a no-op once it is in the room; closes it otherwise
    }
    this.#deps.rooms.markActive(room);
    this.#room = room;
    this.#peer = peer;
    this.#log = this.#deps.log.child({ room: room.callId, peer: peer.id });
  }

  async #welcome(
    room: Room,
    meeting: LiveMeeting,
    userId: string,
    role: Role,
  ): Promise<ResultMap['joinRoom']> {
    const { identity, meetings } = this.#deps;
    const peer = this.#peer as Peer;
    const [attendanceId, chat] = await Promise.all([
      meetings.records
        .recordJoin({
          meetingId: room.callId,
          participantId: identity.participantId,
          displayName: userId,
          userId: identity.userId,
          role,
        })
        .catch((err: unknown) => {
          this.#log.error({ err }, 'recording attendance failed');
          return undefined;
        }),
      meetings.records.listChatMessages(room.callId, CHAT_HISTORY),
    ]);
    // The peer may have gone while attendance was being written (removed, room closed).
    if (attendanceId && this.#peer === peer && !peer.closed) this.#attendanceId = attendanceId;
    else if (attendanceId) this.#endAttendance(attendanceId);
    return {
      peerId: peer.id,
      peers: room.peerInfos(peer),
      rtpCapabilities: room.rtpCapabilities,
      activeSpeakerPeerId: room.activeSpeakerPeerId,
      self: { participantId: identity.participantId, role },
      meeting: meeting.flags(),
      chat,
      lobby: meeting.mayAdmit(this, role) ? meeting.lobbyEntries() : [],
    };
  }

  #openRoom(callId: string): Room | undefined {
    const room = this.#deps.rooms.get(callId);
    return room && !room.closed ? room : undefined;
  }

  /** The open media room of this meeting; a new one only if this member may open one. */
  async #roomFor(callId: string): Promise<Room> {
    const open = this.#openRoom(callId);
    if (open) return open;
    if (!this.#deps.rooms.has(callId)) await this.#deps.allowNewRoom();
    return this.#deps.rooms.getOrCreate(callId);
  }

  #leaveRoom(): void {
    const room = this.#room;
    const peer = this.#peer;
    this.#room = undefined;
    this.#peer = undefined;
    this.#log = this.#deps.log;
    this.#meeting?.absent(this);
    if (room && peer) room.leave(peer);
    if (this.#attendanceId) this.#endAttendance(this.#attendanceId);
    this.#attendanceId = undefined;
  }

  #endAttendance(attendanceId: string): void {
    this.#deps.meetings.records.recordLeave(attendanceId).catch((err: unknown) => {
      this.#log.error({ err }, 'recording the end of attendance failed');
    });
  }

  #release(): void {
    const meeting = this.#meeting;
    if (!meeting) return;
    if (this.#waiting) meeting.stopWaiting(this.participantId);
    this.#waiting = false;
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.#meeting = undefined;
    this.#deps.meetings.release(meeting, this);
  }

  #cutSoon(): void {
    setTimeout(() => this.#connection.disconnect(), NOTICE_GRACE_MS).unref();
  }

  /** Relays the meeting's events that concern this member. */
  #listen(meeting: LiveMeeting): void {
    if (this.#meeting === meeting) return;
    this.#meeting = meeting;
    const mine = (participantId: string) => participantId === this.participantId;
    const notify: Notify = (event, ...args) => this.#connection.notify(event, ...args);
    const callId = meeting.id;
    const handlers: LiveMeetingListeners = {
      admitted: (participantId: string) => {
        if (!mine(participantId) || !this.#waiting) return;
        this.#waiting = false;
        notify('admitted', { callId });
      },
      denied: (participantId: string, message: string) => {
        if (!mine(participantId) || !this.#waiting) return;
        this.#waiting = false;
        notify('denied', { callId, message });
        this.#release();
        this.#cutSoon();
      },
      lobbyChanged: (waiting: LobbyEntry[]) => {
        if (this.#peer && meeting.mayAdmit(this, this.#peer.role)) notify('lobbyChanged', { waiting });
      },
      moderatorPresence: (present: boolean) => {
        if (this.#waiting) notify('waitingStatus', { callId, hostPresent: present });
      },
      flagsChanged: (flags: MeetingFlags) => {
        if (this.#peer) notify('meetingUpdated', flags);
      },
      roleChanged: (participantId: string, role: Role) => {
        const room = this.#room;
        const peer = this.#peer;
        if (!mine(participantId) || !room || !peer || peer.role === 'host') return;
        room.setRole(peer, role);
        meeting.present(this, role);
        if (isModerator(role)) notify('lobbyChanged', { waiting: meeting.lobbyEntries() });
      },
      removed: (participantId: string, message: string) => {
        if (!mine(participantId) || (!this.#peer && !this.#waiting)) return;
        notify('removed', { callId, message });
        this.leave();
        this.#cutSoon();
      },
      ended: () => {
        if (!this.#peer) return;
        notify('meetingEnded', { callId });
        this.#cutSoon();
      },
      superseded: (participantId: string, by: object) => {
        if (!mine(participantId) || by === this || !this.#peer) return;
        notify('sessionReplaced', { callId, message: REPLACED });
        this.leave();
        this.#cutSoon();
      },
    };
    this.#unlisten = meeting.subscribe(handlers);
  }
}
