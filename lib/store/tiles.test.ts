import { describe, expect, it } from 'vitest';
import { arrangeTiles, parseTileId, tileId, tileOfSource } from './tiles';

describe('tile ids', () => {
  it('round-trip camera and screen tiles, and reject anything else', () => {
    expect(parseTileId(tileId('camera', 'p1'))).toEqual({ kind: 'camera', owner: 'p1' });
    expect(parseTileId(tileId('screen', 'self'))).toEqual({ kind: 'screen', owner: 'self' });
    expect(parseTileId('cam:')).toBeNull();
    expect(parseTileId('mic:p1')).toBeNull();
    expect(parseTileId('p1')).toBeNull();
  });

  it('puts screen video on its own tile and everything else on the camera tile', () => {
    expect(tileOfSource('p1', 'screen')).toBe('screen:p1');
    expect(tileOfSource('p1', 'camera')).toBe('cam:p1');
    expect(tileOfSource('p1', null)).toBe('cam:p1');
  });
});

describe('arrangeTiles', () => {
  const ids = ['cam:self', 'cam:a', 'cam:b', 'cam:c', 'cam:d'];

  it('keeps the order when nothing is pinned and the speaker is already on page one', () => {
    expect(arrangeTiles(ids, { pinnedId: null, activeSpeakerTile: 'cam:a', pageSize: 2 })).toEqual(ids);
  });

  it('puts the pinned tile first', () => {
    expect(arrangeTiles(ids, { pinnedId: 'cam:c', activeSpeakerTile: null, pageSize: 2 })).toEqual([
      'cam:c',
      'cam:self',
      'cam:a',
      'cam:b',
      'cam:d',
    ]);
  });

  it('brings an off-page active speaker to the end of page one', () => {
    expect(arrangeTiles(ids, { pinnedId: null, activeSpeakerTile: 'cam:d', pageSize: 3 })).toEqual([
      'cam:self',
      'cam:a',
      'cam:d',
      'cam:b',
      'cam:c',
    ]);
  });

  it('ignores a pin or speaker that is not a tile', () => {
    expect(arrangeTiles(ids, { pinnedId: 'cam:zz', activeSpeakerTile: 'cam:zz', pageSize: 2 })).toEqual(ids);
  });
});
