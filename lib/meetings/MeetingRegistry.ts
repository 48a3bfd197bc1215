/**
 * Live meetings of this process. Decides which meetings a connection may open: hosted meetings
 * need a token for that meeting; open (ownerless) ones are allowed while OPEN_MEETINGS is on.
 * Nothing lasting comes from a look-up: an open meeting is stored only once someone gets in
 * (`store`), and a live meeting is forgotten as soon as nobody holds it (`release`).
 */
import { ErrorCode, ProtocolError, type Role } from '@/lib/protocol';
import { LiveMeeting } from './LiveMeeting';
import type { MeetingInfo, MeetingRecords } from './records';

export interface MeetingAccess {
  /** The meeting the connection's token was issued for; null without a token. */
  tokenMeetingId: string | null;
}

/** A meeting as read from storage, or what a new open meeting would be (`stored: false`). */
export interface FoundMeeting {
  info: MeetingInfo;
  stored: boolean;
}

export class MeetingRegistry {
  readonly records: MeetingRecords;
  readonly #openMeetings: boolean;
  readonly #maxLive: number;
  readonly #live = new Map<string, LiveMeeting>();
  #draining = false;

  constructor(records: MeetingRecords, opts: { openMeetings: boolean; maxLive: number }) {
    this.records = records;
    this.#openMeetings = opts.openMeetings;
    this.#maxLive = opts.maxLive;
  }

  /** How many meetings are live (someone in them or waiting). */
  get size(): number {
    return this.#live.size;
  }

  /** Draining before a restart: running meetings go on, no new one starts. */
  get draining(): boolean {
    return this.#draining;
  }

  startDraining(): void {
    this.#draining = true;
  }

  get(id: string): LiveMeeting | undefined {
    return this.#live.get(id);
  }

  /** Reads the meeting and checks the caller may open it; stores and keeps nothing. */
  async find(id: string, access: MeetingAccess): Promise<FoundMeeting> {
    if (access.tokenMeetingId !== null && access.tokenMeetingId !== id) {
      throw new ProtocolError(ErrorCode.FORBIDDEN, 'your meeting token is for another meeting');
    }
    if (this.#draining && !this.#live.has(id)) {
      throw new ProtocolError(
        ErrorCode.DRAINING,
        'This server is restarting soon and is not starting new meetings. Try again in a minute.',
      );
    }
    const info = await this.records.getMeeting(id);
    if (!info || info.ownerId === null) {
      if (!this.#openMeetings) {
        throw new ProtocolError(
          ErrorCode.ROOM_NOT_FOUND,
          'no such meeting: on this server meetings are created by hosts from their dashboard',
        );
      }
      return info ? { info, stored: true } : { info: this.records.draftOpenMeeting(id), stored: false };
    }
    if (access.tokenMeetingId !== id) {
      throw new ProtocolError(
        ErrorCode.UNAUTHORIZED,
        'this meeting needs its invitation link: open the meeting page to join',
      );
    }
    return { info, stored: true };
  }

  /** The live meeting (made live if need be, with the latest settings), held by `holder`. */
  open(found: FoundMeeting, holder: object): LiveMeeting {
    const { info } = found;
    let live = this.#live.get(info.id);
    if (live) {
      if (found.stored) live.refresh(info);
    } else {
      if (this.#live.size >= this.#maxLive) {
        throw new ProtocolError(
          ErrorCode.LIMIT_REACHED,
          'the server is hosting as many meetings as it can; try again in a few minutes',
        );
      }
      live = new LiveMeeting(info);
      this.#live.set(info.id, live);
    }
    live.hold(holder);
    return live;
  }

  /**
   * The role `who` would come in with right now, or null if they would wait or be refused.
   * Changes nothing (no waiting-room entry, no hold on the meeting).
   */
  admitsNow(
    found: FoundMeeting,
    who: { participantId: string; role: Role },
    revoked: boolean,
    participants: number,
  ): Role | null {
    const live = this.#live.get(found.info.id);
    if (live && found.stored) live.refresh(found.info);
    const meeting = live ?? new LiveMeeting(found.info);
    const role = meeting.roleOf(who.participantId, who.role);
    const decision = meeting.admission({ role, participantId: who.participantId, revoked, participants });
    return decision.kind === 'join' ? role : null;
  }

  /** Stores a new open meeting once someone got into it (`find` said `stored: false`). */
  async store(meeting: LiveMeeting): Promise<void> {
    if (!meeting.hosted) meeting.refresh(await this.records.ensureOpenMeeting(meeting.id));
  }

  /** `holder` lets go; a meeting nobody holds is forgotten (its settings stay in storage). */
  release(meeting: LiveMeeting, holder: object): void {
    meeting.unhold(holder);
    if (meeting.idle && this.#live.get(meeting.id) === meeting) this.#live.delete(meeting.id);
  }
}
