/**
 * Mirrors the meeting side of the call (roles, waiting room, chat, hands, reactions, host
 * actions on this participant) from the CallClient into the store.
 */
import type { CallClient } from './CallClient';
import { callActions, useCallStore } from '@/lib/store/callStore';
import { SELF } from './tiles';

const REACTION_MS = 4_000;

/** A short two-tone chime for hosts when someone starts waiting (no audio file needed). */
function chime(): void {
  try {
    const ctx = new AudioContext();
    const now = ctx.currentTime;
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.08, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + i * 0.15);
      osc.stop(now + i * 0.15 + 0.3);
    });
    setTimeout(() => void ctx.close(), 1_000);
  } catch {
    // No audio output available: the visual notice is enough.
  }
}

export function showReaction(peerId: string, emoji: Parameters<typeof callActions.showReaction>[1]): void {
  const id = callActions.showReaction(peerId, emoji);
  setTimeout(() => callActions.hideReaction(id), REACTION_MS);
}

/** Subscribes the store to the client's meeting events; returns the unsubscribers. */
export function wireMeetingEvents(client: CallClient, onForcedCameraOff: () => void): Array<() => void> {
  return [
    client.on('joinInfo', (info) => {
      callActions.setLocal({
        participantId: info.self.participantId,
        role: info.self.role,
        handRaised: false,
      });
      callActions.setMeeting(info.meeting);
      callActions.setLobby(info.lobby);
      callActions.setChat(info.chat);
      for (const p of info.peers) {
        callActions.setPeerRole(p.peerId, p.role);
        callActions.setPeerHand(p.peerId, p.handRaised);
      }
    }),
    client.on('peerAdded', (p) => {
      callActions.setPeerRole(p.peerId, p.role);
      callActions.setPeerHand(p.peerId, p.handRaised);
    }),
    client.on('chatMessage', (m) => callActions.addChat(m)),
    client.on('handRaised', ({ peerId, raised }) => {
      callActions.setPeerHand(peerId, raised);
      const name = useCallStore.getState().participants[peerId]?.displayName;
      if (raised && name) callActions.notify('info', `${name} raised their hand`);
    }),
    client.on('reaction', ({ peerId, emoji }) => showReaction(peerId, emoji)),
    client.on('lobbyChanged', (waiting) => {
      const before = new Set(useCallStore.getState().lobby.map((w) => w.participantId));
      const newcomers = waiting.filter((w) => !before.has(w.participantId));
      callActions.setLobby(waiting);
      if (newcomers.length > 0) {
        const names = newcomers.map((w) => w.displayName).join(', ');
        callActions.notify('info', `${names} ${newcomers.length > 1 ? 'are' : 'is'} waiting to join`);
        chime();
      }
    }),
    client.on('roleChanged', ({ peerId, role }) => {
      callActions.setPeerRole(peerId, role);
      if (peerId === client.peerId) {
        callActions.notify(
          'info',
          role === 'cohost' ? 'You are now a co-host.' : 'You are no longer a co-host.',
        );
        if (role !== 'cohost') callActions.setLobby([]);
      }
    }),
    client.on('meetingUpdated', (flags) => {
      const was = useCallStore.getState().meeting.locked;
      callActions.setMeeting(flags);
      if (flags.locked !== was) {
        callActions.notify('info', flags.locked ? 'The meeting is locked.' : 'The meeting is unlocked.');
      }
    }),
    client.on('forcedOff', ({ source, by }) => {
      if (source === 'microphone') callActions.setLocal({ micOn: false });
      else onForcedCameraOff();
      callActions.notify('warning', `${by} turned off your ${source}.`);
    }),
    client.on('ended', (end) => callActions.setEnd(end)),
  ];
}

export { SELF };
