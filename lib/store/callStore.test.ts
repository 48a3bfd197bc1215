import { beforeEach, describe, expect, it } from 'vitest';
import { audioLevelActions, useAudioLevelStore, volumeOf } from './audioLevelStore';
import { callActions, selectParticipantIds, useCallStore } from './callStore';

const media = (consumerId: string, producerId: string, kind: 'audio' | 'video' = 'video') => ({
  consumerId,
  producerId,
  kind,
  source: kind === 'audio' ? ('microphone' as const) : ('camera' as const),
  paused: false,
  score: null,
});

describe('callStore', () => {
  beforeEach(() => callActions.reset());

  it('adds participants once and lists them in join order', () => {
    callActions.addParticipant('b', 'Bea', 2);
    callActions.addParticipant('a', 'Al', 1);
    callActions.addParticipant('a', 'Duplicate', 3);
    const s = useCallStore.getState();
    expect(selectParticipantIds(s)).toEqual(['a', 'b']);
    expect(s.participants.a?.displayName).toBe('Al');
  });

  it('tracks media and producer pause state per participant', () => {
    callActions.addParticipant('a', 'Al');
    callActions.addMedia('a', media('c1', 'p1'));
    callActions.addMedia('a', media('c2', 'p2', 'audio'));
    callActions.setProducerPaused('a', 'p2', true);
    let m = useCallStore.getState().participants.a?.media;
    expect(m?.c2?.paused).toBe(true);
    expect(m?.c1?.paused).toBe(false);
    callActions.removeMedia('a', 'c1');
    m = useCallStore.getState().participants.a?.media;
    expect(Object.keys(m ?? {})).toEqual(['c2']);
  });

  it('keeps other participants referentially stable when one changes', () => {
    callActions.addParticipant('a', 'Al');
    callActions.addParticipant('b', 'Bea');
    const before = useCallStore.getState().participants.b;
    callActions.addMedia('a', media('c1', 'p1'));
    expect(useCallStore.getState().participants.b).toBe(before);
  });

  it('clears speaker and pin when that participant leaves', () => {
    callActions.addParticipant('a', 'Al');
    callActions.setActiveSpeaker('a');
    callActions.pin('cam:a');
    callActions.removeParticipant('a');
    const s = useCallStore.getState();
    expect(s.activeSpeakerId).toBeNull();
    expect(s.pinnedId).toBeNull();
    expect(s.participants).toEqual({});
  });

  it('keeps audio levels in their own store: a report leaves the call state untouched', () => {
    callActions.addParticipant('a', 'Al');
    callActions.addParticipant('b', 'Bea');
    const participants = useCallStore.getState().participants;
    audioLevelActions.setLevels([{ peerId: 'a', volume: -20 }]);
    expect(volumeOf(useAudioLevelStore.getState(), 'a')).toBe(-20);
    expect(volumeOf(useAudioLevelStore.getState(), 'b')).toBeNull();
    expect(useCallStore.getState().participants).toBe(participants);

    const before = useAudioLevelStore.getState().volumes;
    audioLevelActions.setLevels([{ peerId: 'a', volume: -20 }]);
    expect(useAudioLevelStore.getState().volumes).toBe(before); // same report, no notification
    audioLevelActions.setLevels([]);
    expect(volumeOf(useAudioLevelStore.getState(), 'a')).toBeNull();
    audioLevelActions.setLevels([{ peerId: 'b', volume: -30 }]);
    callActions.reset();
    expect(useAudioLevelStore.getState().volumes).toEqual({});
  });

  it('toggles the pin and resets the page on layout change', () => {
    callActions.pin('a');
    callActions.pin('a');
    expect(useCallStore.getState().pinnedId).toBeNull();
    callActions.setPage(3);
    callActions.setLayout('speaker');
    expect(useCallStore.getState()).toMatchObject({ layout: 'speaker', page: 0 });
  });

  it('keeps at most five notices', () => {
    for (let i = 0; i < 7; i++) callActions.notify('info', { text: `n${i}` });
    expect(useCallStore.getState().notices.map((n) => n.message)).toEqual(
      ['n2', 'n3', 'n4', 'n5', 'n6'].map((text) => ({ text })),
    );
  });

  it('counts unread chat only while the chat panel is closed, and never for own messages', () => {
    callActions.setLocal({ participantId: 'me' });
    const msg = (id: string, senderId: string) => ({
      id,
      senderId,
      senderName: senderId,
      text: 'hi',
      createdAt: 1,
    });
    callActions.addChat(msg('1', 'other'));
    callActions.addChat(msg('1', 'other')); // the same message twice counts once
    callActions.addChat(msg('2', 'me'));
    expect(useCallStore.getState()).toMatchObject({ unreadChat: 1 });
    callActions.togglePanel('chat');
    expect(useCallStore.getState()).toMatchObject({ unreadChat: 0, panel: 'chat' });
    callActions.addChat(msg('3', 'other'));
    expect(useCallStore.getState().unreadChat).toBe(0);
    expect(useCallStore.getState().chat.map((m) => m.id)).toEqual(['1', '2', '3']);
  });

  it('keeps the latest transmission score per received track', () => {
    callActions.addParticipant('a', 'Al');
    callActions.addMedia('a', media('c1', 'p1'));
    callActions.setMediaScore('c1', 3);
    callActions.setMediaScore('unknown', 1);
    expect(useCallStore.getState().participants.a?.media.c1?.score).toBe(3);
  });

  it('routes roles and raised hands to self or to the participant', () => {
    callActions.setSelf('self-peer');
    callActions.addParticipant('a', 'Al');
    callActions.setPeerRole('a', 'cohost');
    callActions.setPeerHand('a', true);
    callActions.setPeerRole('self-peer', 'host');
    callActions.setPeerHand('self-peer', true);
    const s = useCallStore.getState();
    expect(s.participants.a).toMatchObject({ role: 'cohost', handRaised: true });
    expect(s.local).toMatchObject({ role: 'host', handRaised: true });
  });

  it('merges a chat history by id: nothing twice, nothing shown lost, oldest first', () => {
    const msg = (id: string, createdAt: number) => ({
      id,
      senderId: 'p-sam',
      senderName: 'Sam',
      text: id,
      createdAt,
    });
    callActions.addChat(msg('m2', 2));
    callActions.mergeChat([msg('m1', 1), msg('m2', 2), msg('m3', 3)]);
    callActions.mergeChat([msg('m1', 1), msg('m3', 3)]);
    // A restarted server may know less: what was shown stays.
    callActions.mergeChat([]);
    const s = useCallStore.getState();
    expect(s.chat.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(s.unreadChat).toBe(3);
  });

  it('marks a participant reconnecting and back', () => {
    callActions.addParticipant('a', 'Al');
    expect(useCallStore.getState().participants.a?.reconnecting).toBe(false);
    callActions.setPeerReconnecting('a', true);
    expect(useCallStore.getState().participants.a?.reconnecting).toBe(true);
    callActions.setPeerReconnecting('a', false);
    expect(useCallStore.getState().participants.a?.reconnecting).toBe(false);
  });

  it('shows and hides reactions by id; a reset keeps the local choices but not the call', () => {
    const id = callActions.showReaction('a', '👍');
    callActions.showReaction('b', '🎉');
    callActions.hideReaction(id);
    expect(useCallStore.getState().reactions.map((r) => r.emoji)).toEqual(['🎉']);
    callActions.setLocal({
      displayName: 'Ada',
      devices: { audioInput: 'mic-2', videoInput: null, audioOutput: null },
    });
    callActions.setLobby([{ participantId: 'g', displayName: 'Gus', since: 1 }]);
    callActions.reset(false);
    const s = useCallStore.getState();
    expect(s.reactions).toEqual([]);
    expect(s.lobby).toEqual([]);
    expect(s.local).toMatchObject({ displayName: 'Ada', devices: { audioInput: 'mic-2' } });
  });
});
