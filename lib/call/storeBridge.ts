/**
 * The one bridge from the CallClient to the UI: every client event lands in the store (ids and
 * flags) or in the track registry (the MediaStreamTracks). Nothing else subscribes the store to
 * the client, and every subscription made here is undone by the returned unsubscribers.
 */
import type { CallClient, JoinInfo } from '@/lib/client/CallClient';
import { audioLevelActions } from '@/lib/store/audioLevelStore';
import { callActions, notice, useCallStore, type SystemEvent } from '@/lib/store/callStore';
import { announceRecording } from './recordingNotices';
import { trackRegistry } from './trackRegistry';

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

/** A join or leave: a line in the chat (nobody's message) and a word for screen readers. */
function arrivedOrLeft(event: SystemEvent): void {
  callActions.addSystemLine(event);
  callActions.announce(event);
}

export function showReaction(peerId: string, emoji: Parameters<typeof callActions.showReaction>[1]): void {
  const id = callActions.showReaction(peerId, emoji);
  setTimeout(() => callActions.hideReaction(id), REACTION_MS);
}

export interface BridgeCallbacks {
  /** A host stopped this participant's camera (already paused by the server). */
  cameraForcedOff(): void;
}

/** Roles, hands, flags, waiting room and chat from a join answer or a resume snapshot. */
function applyMeetingState(info: JoinInfo): void {
  callActions.setMeeting(info.meeting);
  callActions.setLobby(info.lobby);
  callActions.mergeChat(info.chat);
  for (const p of info.peers) {
    callActions.setPeerRole(p.peerId, p.role);
    callActions.setPeerHand(p.peerId, p.handRaised);
  }
}

/** Subscribes the store and track registry to the client; returns the unsubscribers. */
export function bindClientToStore(client: CallClient, callbacks: BridgeCallbacks): Array<() => void> {
  return [...bindMedia(client), ...bindMeeting(client, callbacks)];
}

/** Call state, peers, tracks, speakers and levels. */
function bindMedia(client: CallClient): Array<() => void> {
  const c = client;
  // The receiving transport may have connected on the pre-join screen, before this binding.
  callActions.setConnection(c.connection);
  return [
    c.on('state', (state) => {
      const was = useCallStore.getState().callState;
      callActions.setCallState(state);
      if (state === 'joined') callActions.setSelf(c.peerId);
      if (was === 'waiting' && state === 'joining') callActions.announce({ kind: 'admitted' });
    }),
    c.on('connectionState', (snap) => callActions.setConnection(snap)),
    c.on('peerAdded', (p) => {
      callActions.addParticipant(p.peerId, p.userId);
      callActions.setPeerReconnecting(p.peerId, p.reconnecting);
      // Those already there when we joined are not news; only later arrivals get a line.
      if (useCallStore.getState().callState === 'joined') arrivedOrLeft({ kind: 'joined', name: p.userId });
    }),
    c.on('peerConnection', (e) => callActions.setPeerReconnecting(e.peerId, e.reconnecting)),
    c.on('recovery', (status) => callActions.setRecovery(status)),
    c.on('peerRemoved', (p) => {
      callActions.removeParticipant(p.peerId);
      if (useCallStore.getState().callState === 'joined') arrivedOrLeft({ kind: 'left', name: p.userId });
    }),
    c.on('trackAdded', (t) => {
      trackRegistry.set(t.consumerId, t.track);
      callActions.addMedia(t.peerId, {
        consumerId: t.consumerId,
        producerId: t.producerId,
        kind: t.kind,
        source: t.source,
        paused: t.paused,
        score: t.score,
        suspended: t.suspended,
      });
    }),
    c.on('trackRemoved', (t) => {
      trackRegistry.set(t.consumerId, null);
      callActions.removeMedia(t.peerId, t.consumerId);
    }),
    c.on('trackScore', (e) => callActions.setMediaScore(e.consumerId, e.score)),
    c.on('trackSuspended', (e) => callActions.setMediaSuspended(e.consumerId, e.suspended)),
    c.on('producerPaused', (e) => callActions.setProducerPaused(e.peerId, e.producerId, true)),
    c.on('producerResumed', (e) => callActions.setProducerPaused(e.peerId, e.producerId, false)),
    c.on('activeSpeaker', (peerId) => callActions.setActiveSpeaker(peerId)),
    c.on('audioLevels', (levels) => audioLevelActions.setLevels(levels)),
    c.on('warning', (w) => callActions.notify('warning', { error: { code: w.code, message: w.message } })),
    c.on('roomClosed', ({ reason }) => {
      // A server restart is shown by the reconnect status; anything else gets a notice too.
      if (reason !== 'server-shutdown') {
        callActions.notify('warning', notice('roomInterrupted'));
      }
    }),
  ];
}

/** Roles, waiting room, chat, hands, reactions and host actions on this participant. */
function bindMeeting(client: CallClient, callbacks: BridgeCallbacks): Array<() => void> {
  return [
    client.on('joinInfo', (info) => {
      callActions.setLocal({
        participantId: info.self.participantId,
        role: info.self.role,
        handRaised: false,
      });
      applyMeetingState(info);
    }),
    client.on('resynced', (info) => {
      callActions.setLocal({ role: info.self.role, handRaised: info.self.handRaised });
      applyMeetingState(info);
    }),
    client.on('peerAdded', (p) => {
      callActions.setPeerRole(p.peerId, p.role);
      callActions.setPeerHand(p.peerId, p.handRaised);
    }),
    client.on('chatMessage', (m) => {
      callActions.addChat(m);
      if (m.senderId !== useCallStore.getState().local.participantId) {
        callActions.announce({ kind: 'says', name: m.senderName, text: m.text });
      }
    }),
    client.on('handRaised', ({ peerId, raised }) => {
      callActions.setPeerHand(peerId, raised);
      const name = useCallStore.getState().participants[peerId]?.displayName;
      if (raised && name) {
        callActions.notify('info', notice('handRaised', { name }));
        callActions.announce({ kind: 'handRaised', name });
      }
    }),
    client.on('hostPresence', (present) => callActions.setHostPresent(present)),
    client.on('reaction', ({ peerId, emoji }) => showReaction(peerId, emoji)),
    client.on('lobbyChanged', (waiting) => {
      const before = new Set(useCallStore.getState().lobby.map((w) => w.participantId));
      const newcomers = waiting.filter((w) => !before.has(w.participantId));
      callActions.setLobby(waiting);
      if (newcomers.length > 0) {
        // The notice with Admit and Deny is drawn from the lobby itself (WaitingNotices).
        const names = newcomers.map((w) => w.displayName).join(', ');
        callActions.announce({ kind: 'waiting', names });
        chime();
      }
    }),
    client.on('roleChanged', ({ peerId, role }) => {
      callActions.setPeerRole(peerId, role);
      if (peerId === client.peerId) {
        callActions.notify('info', notice(role === 'cohost' ? 'nowCohost' : 'noLongerCohost'));
        if (role !== 'cohost') callActions.setLobby([]);
      }
    }),
    client.on('meetingUpdated', (flags) => {
      const was = useCallStore.getState().meeting.locked;
      callActions.setMeeting(flags);
      if (flags.locked !== was) {
        callActions.notify('info', notice(flags.locked ? 'meetingLocked' : 'meetingUnlocked'));
      }
    }),
    client.on('recordingChanged', (e) => announceRecording(e)),
    client.on('forcedOff', ({ source, by }) => {
      if (source === 'microphone') callActions.setLocal({ micOn: false });
      else callbacks.cameraForcedOff();
      callActions.notify('warning', notice('forcedOff', { by, source }));
    }),
    client.on('ended', (end) => callActions.setEnd(end)),
  ];
}
