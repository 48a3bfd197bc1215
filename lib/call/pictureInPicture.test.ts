import { beforeEach, describe, expect, it } from 'vitest';
import { callActions, useCallStore } from '@/lib/store/callStore';
import { selectPipSource } from './pictureInPicture';
import { LOCAL_CAMERA, LOCAL_SCREEN } from './trackRegistry';

const video = (consumerId: string, source: 'camera' | 'screen') => ({
  consumerId,
  producerId: `p-${consumerId}`,
  kind: 'video' as const,
  source,
  paused: false,
  score: null,
});

describe('selectPipSource', () => {
  beforeEach(() => callActions.reset());

  it('shows oneself when alone, and one’s own screen while sharing alone', () => {
    expect(selectPipSource(useCallStore.getState())).toEqual({
      tileId: 'cam:self',
      trackKey: LOCAL_CAMERA,
      name: null,
      screen: false,
    });
    callActions.setLocal({ sharing: true });
    expect(selectPipSource(useCallStore.getState()).trackKey).toBe(LOCAL_SCREEN);
  });

  it('shows the active speaker, else the first other person', () => {
    callActions.addParticipant('a', 'Al', 1);
    callActions.addParticipant('b', 'Bea', 2);
    callActions.addMedia('a', video('ca', 'camera'));
    callActions.addMedia('b', video('cb', 'camera'));
    expect(selectPipSource(useCallStore.getState())).toMatchObject({ tileId: 'cam:a', trackKey: 'ca' });
    callActions.setActiveSpeaker('b');
    expect(selectPipSource(useCallStore.getState())).toEqual({
      tileId: 'cam:b',
      trackKey: 'cb',
      name: 'Bea',
      screen: false,
    });
  });

  it('prefers someone’s screen share over the speaker', () => {
    callActions.addParticipant('a', 'Al', 1);
    callActions.addParticipant('b', 'Bea', 2);
    callActions.addMedia('a', video('ca', 'camera'));
    callActions.addMedia('b', video('sb', 'screen'));
    callActions.setActiveSpeaker('a');
    expect(selectPipSource(useCallStore.getState())).toEqual({
      tileId: 'screen:b',
      trackKey: 'sb',
      name: 'Bea',
      screen: true,
    });
  });
});
