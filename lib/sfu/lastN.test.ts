import { describe, expect, it } from 'vitest';
import { lastNActive, selectLastN, type VideoSender } from './lastN';

const sender = (peerId: string, lastSpoke: number, joinedAt: number): VideoSender => ({
  peerId,
  lastSpoke,
  joinedAt,
});

describe('lastNActive', () => {
  it('applies only above N senders', () => {
    expect(lastNActive(25, 25)).toBe(false);
    expect(lastNActive(26, 25)).toBe(true);
  });
});

describe('selectLastN', () => {
  const senders = [
    sender('a', 0, 1),
    sender('b', 3, 2),
    sender('c', 0, 3),
    sender('d', 5, 4),
    sender('v', 9, 0),
  ];

  it('picks the most recent speakers, never the viewer itself', () => {
    expect(selectLastN(senders, 2, 'v')).toEqual(new Set(['d', 'b']));
  });

  it('fills with the earliest joiners when too few have spoken', () => {
    expect(selectLastN(senders, 3, 'v')).toEqual(new Set(['d', 'b', 'a']));
  });

  it('keeps pinned people on top of N', () => {
    expect(selectLastN(senders, 2, 'v', new Set(['c']))).toEqual(new Set(['c', 'd', 'b']));
  });

  it('a new speaker enters and the least recent one leaves', () => {
    const after = senders.map((s) => (s.peerId === 'a' ? { ...s, lastSpoke: 10 } : s));
    expect(selectLastN(after, 2, 'v')).toEqual(new Set(['a', 'd']));
  });

  it('ignores a pin of oneself', () => {
    expect(selectLastN(senders, 1, 'v', new Set(['v']))).toEqual(new Set(['d']));
  });
});
