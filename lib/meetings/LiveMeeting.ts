/**
 * The rules state of one meeting while anyone is in it or waiting for it: lock, waiting room,
 * admitted guests, co-hosts, end. Media lives in the Room; this object outlives Room restarts (a
 * worker crash) and holds guests who wait before any host is there. Its state is private and
 * changes only through its methods, each of which emits a typed event; the memberships of the
 * people concerned react to those events (tell their connection, leave, disconnect).
 */
import { EventEmitter } from 'node:events';
import { ErrorCode, ProtocolError, type LobbyEntry, type MeetingFlags, type Role } from '@/lib/protocol';
import { decideAdmission, type Admission } from './admission';
import { isModerator } from './permissions';
import type { MeetingInfo } from './records';

/** Most people waiting in one meeting's waiting room at once. */
export const MAX_WAITING = 200;

export type LiveMeetingEvents = {
  /** Who is waiting now (for hosts and co-hosts). */
  lobbyChanged: [waiting: LobbyEntry[]];
  /** A waiting participant was let in; they may join now. */
  admitted: [participantId: string];
  /** A waiting participant was turned away (by a moderator, or because the meeting ended). */
  denied: [participantId: string, message: string];
  /** The lock or the recording state changed. */
  flagsChanged: [flags: MeetingFlags];
  /** A participant became a co-host or went back to guest. */
  roleChanged: [participantId: string, role: Role];
  /** A participant was removed; every connection of theirs must go. */
  removed: [participantId: string, message: string];
  /** The host ended the meeting for everyone. */
  ended: [];
  /** The participant joined again through `by`: any other membership of theirs must go. */
  superseded: [participantId: string, by: object];
  /** A host or co-host is in the call now (true), or the last of them left (false). */
  moderatorPresence: [present: boolean];
};

/** A listener per event, for `subscribe`. */
export type LiveMeetingListeners = {
  [E in keyof LiveMeetingEvents]: (...args: LiveMeetingEvents[E]) => void;
};

export class LiveMeeting extends EventEmitter<LiveMeetingEvents> {
  readonly id: string;
  #info: MeetingInfo;
  #locked: boolean;
  #ended: boolean;
  /** Participants promoted to co-host during this meeting. */
  readonly #cohosts = new Set<string>();
  /** Guests let in from the waiting room; they pass straight in on a rejoin. */
  readonly #admitted = new Set<string>();
  readonly #lobby = new Map<string, LobbyEntry>();
  /** Memberships that hold this meeting (joined, waiting, or joining); it stays live while any does. */
  readonly #holders = new Set<object>();
  /** Memberships in the media room with their role, in the order they came in. */
  readonly #present = new Map<object, Role>();
  /** The recording under way (see lib/recording), null when not recording. */
  #recording: { id: string; startedAt: number } | null = null;

  constructor(info: MeetingInfo) {
    super();
    // One listener set per membership; the room and waiting-room caps bound them.
    this.setMaxListeners(0);
    this.id = info.id;
    this.#info = info;
    this.#locked = info.settings.locked;
    this.#ended = info.endedAt !== null;
  }

  /** Listens to every event at once; returns what stops listening. */
  subscribe(listeners: LiveMeetingListeners): () => void {
    const bind = <E extends keyof LiveMeetingEvents>(event: E): (() => void) => {
      const listener = listeners[event] as (...args: LiveMeetingEvents[E]) => void;
      this.on(event as keyof LiveMeetingEvents, listener as (...args: never[]) => void);
      return () => this.off(event as keyof LiveMeetingEvents, listener as (...args: never[]) => void);
    };
    const offs = (Object.keys(listeners) as Array<keyof LiveMeetingEvents>).map(bind);
    return () => offs.forEach((off) => off());
  }

  get info(): MeetingInfo {
    return this.#info;
  }

  get locked(): boolean {
    return this.#locked;
  }

  get ended(): boolean {
    return this.#ended;
  }

  get hosted(): boolean {
    return this.#info.ownerId !== null;
  }

  get recording(): { id: string; startedAt: number } | null {
    return this.#recording;
  }

  /** A recording started (or stopped: null); everyone in the meeting is told through the flags. */
  setRecording(recording: { id: string; startedAt: number } | null): void {
    if (this.#recording?.id === recording?.id) return;
    this.#recording = recording;
    this.emit('flagsChanged', this.flags());
  }

  /** Nobody holds it: it can be forgotten (its settings stay in storage). */
  get idle(): boolean {
    return this.#holders.size === 0 && this.#lobby.size === 0;
  }

  /** Settings edited on the dashboard apply to the live meeting from the next join on. */
  refresh(info: MeetingInfo): void {
    this.#info = info;
    this.#locked = info.settings.locked;
    if (info.endedAt !== null) this.#ended = true;
  }

  hold(holder: object): void {
    this.#holders.add(holder);
  }

  unhold(holder: object): void {
    this.#holders.delete(holder);
  }

  /** Whether a host or co-host is in the call (someone who can let waiting people in). */
  get moderatorPresent(): boolean {
    return [...this.#present.values()].some(isModerator);
  }

  /** `member` is in the media room with this role (called again when the role changes). */
  present(member: object, role: Role): void {
    const before = this.moderatorPresent;
    this.#present.set(member, role);
    this.#presenceChanged(before);
  }

  /** `member` left the media room. */
  absent(member: object): void {
    const before = this.moderatorPresent;
    if (this.#present.delete(member)) this.#presenceChanged(before);
  }

  /**
   * Who may let waiting people in: hosts and co-hosts; in an open meeting (no host account),
   * whoever has been in the call the longest takes that over.
   */
  mayAdmit(member: object, role: Role): boolean {
    if (isModerator(role)) return true;
    if (this.hosted) return false;
    const longest = this.#present.keys().next();
    return !longest.done && longest.value === member;
  }

  #presenceChanged(before: boolean): void {
    const now = this.moderatorPresent;
    if (now !== before) this.emit('moderatorPresence', now);
  }

  roleOf(participantId: string, tokenRole: Role): Role {
    // An open meeting has no host controls, whatever a token claims (e.g. a host token of a
    // meeting that was deleted and whose code was then reused for an open meeting).
    if (!this.hosted) return 'guest';
    if (tokenRole === 'host') return 'host';
    return this.#cohosts.has(participantId) ? 'cohost' : tokenRole;
  }

  /** Whether this participant may come in now, must wait, or is refused. */
  admission(a: { role: Role; participantId: string; revoked: boolean; participants: number }): Admission {
    const s = this.#info.settings;
    return decideAdmission({
      ...a,
      meeting: {
        hosted: this.hosted,
        ended: this.#ended,
        locked: this.#locked,
        waitingRoom: s.waitingRoom,
        maxParticipants: s.maxParticipants,
        admitted: this.#admitted,
        participants: a.participants,
      },
    });
  }

  flags(): MeetingFlags {
    const s = this.#info.settings;
    return {
      hosted: this.hosted,
      locked: this.#locked,
      waitingRoom: s.waitingRoom,
      guestsCanShare: s.guestsCanShare,
      recording: this.#recording !== null,
    };
  }

  lobbyEntries(): LobbyEntry[] {
    return [...this.#lobby.values()].map((e) => ({ ...e }));
  }

  /** Puts the participant in the waiting room (again: they keep their place). */
  wait(participantId: string, displayName: string): void {
    const previous = this.#lobby.get(participantId);
    if (!previous && this.#lobby.size >= MAX_WAITING) {
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        'The waiting room of this meeting is full. Try again in a few minutes.',
      );
    }
    this.#lobby.set(participantId, { participantId, displayName, since: previous?.since ?? Date.now() });
    this.emit('lobbyChanged', this.lobbyEntries());
  }

  /** The participant stopped waiting (they left, got in, or went away). */
  stopWaiting(participantId: string): void {
    if (this.#lobby.delete(participantId)) this.emit('lobbyChanged', this.lobbyEntries());
  }

  admit(participantId: string): void {
    this.#waiter(participantId);
    this.#admitted.add(participantId);
    this.#lobby.delete(participantId);
    this.emit('admitted', participantId);
    this.emit('lobbyChanged', this.lobbyEntries());
  }

  /** Lets everyone waiting in; returns how many. */
  admitAll(): number {
    const all = [...this.#lobby.keys()];
    for (const participantId of all) {
      this.#admitted.add(participantId);
      this.#lobby.delete(participantId);
      this.emit('admitted', participantId);
    }
    if (all.length > 0) this.emit('lobbyChanged', this.lobbyEntries());
    return all.length;
  }

  deny(participantId: string, message: string): void {
    this.#waiter(participantId);
    this.#lobby.delete(participantId);
    this.emit('denied', participantId, message);
    this.emit('lobbyChanged', this.lobbyEntries());
  }

  lock(locked: boolean): void {
    this.#locked = locked;
    this.emit('flagsChanged', this.flags());
  }

  /** Makes the participant a co-host, or a guest again. */
  setRole(participantId: string, role: 'cohost' | 'guest'): void {
    if (role === 'cohost') this.#cohosts.add(participantId);
    else this.#cohosts.delete(participantId);
    this.emit('roleChanged', participantId, role);
  }

  /** Takes away the participant's admission and role; their connections go. */
  remove(participantId: string, message: string): void {
    this.#admitted.delete(participantId);
    this.#cohosts.delete(participantId);
    this.#lobby.delete(participantId);
    this.emit('removed', participantId, message);
  }

  /** The participant is joining through `by`: their other memberships give way (one tile per person). */
  supersede(participantId: string, by: object): void {
    this.emit('superseded', participantId, by);
  }

  /** Ends the meeting: those waiting are turned away, those in it are told and cut off. */
  end(): void {
    this.#ended = true;
    for (const participantId of [...this.#lobby.keys()]) {
      this.#lobby.delete(participantId);
      this.emit('denied', participantId, 'The meeting has ended.');
    }
    this.emit('ended');
  }

  #waiter(participantId: string): LobbyEntry {
    const w = this.#lobby.get(participantId);
    if (!w) throw new ProtocolError(ErrorCode.NOT_FOUND, 'that person is no longer waiting');
    return w;
  }
}
