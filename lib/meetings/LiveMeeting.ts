/**
 * The rules state of one meeting while anyone is in it or waiting for it: lock, waiting room,
 * co-hosts. Media lives in the Room; this object outlives Room restarts (a worker crash) and
 * holds guests who wait before any host is there.
 */
import type { LobbyEntry, MeetingFlags, Role } from '@/lib/protocol';
import type { MeetingInfo } from './records';

export interface Waiter extends LobbyEntry {
  /** Tells the waiting guest they may join (or were turned away) and drops them from the lobby. */
  admit(): void;
  deny(message: string): void;
}

export class LiveMeeting {
  readonly id: string;
  #info: MeetingInfo;
  locked: boolean;
  ended: boolean;
  /** Participants promoted to co-host during this meeting. */
  readonly cohosts = new Set<string>();
  /** Guests let in from the waiting room; they pass straight in on a rejoin. */
  readonly admitted = new Set<string>();
  readonly lobby = new Map<string, Waiter>();

  constructor(info: MeetingInfo) {
    this.id = info.id;
    this.#info = info;
    this.locked = info.settings.locked;
    this.ended = info.endedAt !== null;
  }

  get info(): MeetingInfo {
    return this.#info;
  }

  /** Settings edited on the dashboard apply to the live meeting from the next join on. */
  refresh(info: MeetingInfo): void {
    this.#info = info;
    this.locked = info.settings.locked;
    if (info.endedAt !== null) this.ended = true;
  }

  get hosted(): boolean {
    return this.#info.ownerId !== null;
  }

  roleOf(participantId: string, tokenRole: Role): Role {
    // An open meeting has no host controls, whatever a token claims (e.g. a host token of a
    // meeting that was deleted and whose code was then reused for an open meeting).
    if (!this.hosted) return 'guest';
    if (tokenRole === 'host') return 'host';
    return this.cohosts.has(participantId) ? 'cohost' : tokenRole;
  }

  flags(): MeetingFlags {
    const s = this.#info.settings;
    return {
      hosted: this.hosted,
      locked: this.locked,
      waitingRoom: s.waitingRoom,
      guestsCanShare: s.guestsCanShare,
    };
  }

  lobbyEntries(): LobbyEntry[] {
    return [...this.lobby.values()].map(({ participantId, displayName, since }) => ({
      participantId,
      displayName,
      since,
    }));
  }
}
