/** The waiting room: guests wait here until a host or co-host lets them in. */
import type { LiveMeeting, Waiter } from '@/lib/meetings/LiveMeeting';
import { isModerator } from '@/lib/meetings/permissions';
import type { RoomRegistry } from '@/lib/sfu/RoomRegistry';
import type { Session } from './session';

/** Tells every host and co-host in the meeting who is waiting now. */
export function announceLobby(meeting: LiveMeeting, registry: RoomRegistry): void {
  const room = registry.get(meeting.id);
  if (!room || room.closed) return;
  const waiting = meeting.lobbyEntries();
  for (const peer of room.peers.values()) {
    if (isModerator(peer.role)) peer.notify('lobbyChanged', { waiting });
  }
}

/** Puts the connection in the meeting's waiting room (again, if it already waited). */
export function enterLobby(
  s: Session,
  meeting: LiveMeeting,
  displayName: string,
  registry: RoomRegistry,
): void {
  const participantId = s.identity.participantId;
  const previous = meeting.lobby.get(participantId);
  const waiter: Waiter = {
    participantId,
    displayName,
    since: previous?.since ?? Date.now(),
    admit: () => {
      meeting.admitted.add(participantId);
      if (meeting.lobby.get(participantId) === waiter) meeting.lobby.delete(participantId);
      if (s.waitingIn === meeting) delete s.waitingIn;
      s.socket.emit('admitted', { callId: meeting.id });
    },
    deny: (message) => {
      if (meeting.lobby.get(participantId) === waiter) meeting.lobby.delete(participantId);
      if (s.waitingIn === meeting) delete s.waitingIn;
      s.socket.emit('denied', { callId: meeting.id, message });
      // Let the notice reach the browser before the connection is cut.
      setTimeout(() => s.socket.disconnect(true), 250).unref();
    },
  };
  meeting.lobby.set(participantId, waiter);
  s.waitingIn = meeting;
  announceLobby(meeting, registry);
}

/** Drops the connection from the waiting room it is in (it left, disconnected or got in). */
export function leaveLobby(s: Session, registry: RoomRegistry): void {
  const meeting = s.waitingIn;
  if (!meeting) return;
  delete s.waitingIn;
  const w = meeting.lobby.get(s.identity.participantId);
  if (w) {
    meeting.lobby.delete(s.identity.participantId);
    announceLobby(meeting, registry);
  }
}
