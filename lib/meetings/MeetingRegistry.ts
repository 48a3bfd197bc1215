/**
 * Live meetings of this process, loaded from storage on first use. Decides which meetings a
 * connection may open: hosted meetings need a token for that meeting; open (ownerless) ones are
 * allowed while OPEN_MEETINGS is on.
 */
import { ErrorCode } from '@/lib/protocol';
import { ProtocolError } from '@/lib/protocol';
import { LiveMeeting } from './LiveMeeting';
import type { MeetingRecords } from './records';

export interface MeetingAccess {
  /** The meeting the connection's token was issued for; null without a token. */
  tokenMeetingId: string | null;
}

export class MeetingRegistry {
  readonly records: MeetingRecords;
  readonly #openMeetings: boolean;
  readonly #live = new Map<string, LiveMeeting>();

  constructor(records: MeetingRecords, opts: { openMeetings: boolean }) {
    this.records = records;
    this.#openMeetings = opts.openMeetings;
  }

  get(id: string): LiveMeeting | undefined {
    return this.#live.get(id);
  }

  /** Loads (or creates, for a new open meeting) the meeting and checks the caller may open it. */
  async open(id: string, access: MeetingAccess): Promise<LiveMeeting> {
    if (access.tokenMeetingId !== null && access.tokenMeetingId !== id) {
      throw new ProtocolError(ErrorCode.FORBIDDEN, 'your meeting token is for another meeting');
    }
    let info = await this.records.getMeeting(id);
    if (!info || info.ownerId === null) {
      if (!this.#openMeetings) {
        throw new ProtocolError(
          ErrorCode.ROOM_NOT_FOUND,
          'no such meeting: on this server meetings are created by hosts from their dashboard',
        );
      }
      info ??= await this.records.ensureOpenMeeting(id);
    } else if (access.tokenMeetingId !== id) {
      throw new ProtocolError(
        ErrorCode.UNAUTHORIZED,
        'this meeting needs its invitation link: open the meeting page to join',
      );
    }
    let live = this.#live.get(id);
    if (live) live.refresh(info);
    else {
      live = new LiveMeeting(info);
      this.#live.set(id, live);
    }
    return live;
  }

  /** Forgets a meeting nobody is in or waiting for (its settings stay in storage). */
  releaseIfIdle(id: string, participants: number): void {
    const live = this.#live.get(id);
    if (live && participants === 0 && live.lobby.size === 0) this.#live.delete(id);
  }
}
