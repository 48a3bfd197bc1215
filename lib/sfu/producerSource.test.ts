import { describe, expect, it } from 'vitest';
import { producerSource } from './producerSource';

describe('producerSource', () => {
  it("keeps this product's own source when it fits the kind", () => {
    expect(producerSource('video', { source: 'camera' })).toBe('camera');
    expect(producerSource('video', { source: 'screen' })).toBe('screen');
    expect(producerSource('audio', { source: 'microphone' })).toBe('microphone');
    expect(producerSource('audio', { source: 'screen-audio' })).toBe('screen-audio');
  });

  it('maps common labels of other clients, in any appData key it knows', () => {
    expect(producerSource('video', { source: 'webcam' })).toBe('camera');
    expect(producerSource('video', { label: 'cam', mediaTag: 'x' })).toBe('camera');
    expect(producerSource('audio', { source: 'mic' })).toBe('microphone');
    expect(producerSource('video', { source: 'screen-share' })).toBe('screen');
    expect(producerSource('video', { mediaTag: 'ScreenShare' })).toBe('screen');
    expect(producerSource('video', { type: 'display' })).toBe('screen');
    expect(producerSource('audio', { label: 'screen-share-audio' })).toBe('screen-audio');
  });

  it('falls back to the kind for unknown labels, none, or a source of the other kind', () => {
    expect(producerSource('video', undefined)).toBe('camera');
    expect(producerSource('audio', {})).toBe('microphone');
    expect(producerSource('video', { source: 'something-else', n: 1 })).toBe('camera');
    expect(producerSource('audio', { source: 'camera' })).toBe('microphone');
    expect(producerSource('video', { source: 'microphone' })).toBe('camera');
  });
});
