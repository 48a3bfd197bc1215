import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEVICE_PREFS,
  DEVICE_PREFS_KEY,
  loadDevicePrefs,
  parseDevicePrefs,
  saveDevicePrefs,
  type PrefsStorage,
} from './devicePrefs';

function memoryStorage(initial: Record<string, string> = {}): PrefsStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('device prefs', () => {
  it('defaults when nothing is stored', () => {
    expect(loadDevicePrefs(memoryStorage())).toEqual(DEFAULT_DEVICE_PREFS);
  });

  it('round-trips what was saved, merging patches', () => {
    const storage = memoryStorage();
    saveDevicePrefs({ displayName: 'Ada', videoInput: 'cam-2' }, storage);
    const saved = saveDevicePrefs({ micOn: false, audioOutput: 'spk-1' }, storage);
    const expected = {
      ...DEFAULT_DEVICE_PREFS,
      displayName: 'Ada',
      videoInput: 'cam-2',
      audioOutput: 'spk-1',
      micOn: false,
    };
    expect(saved).toEqual(expected);
    expect(loadDevicePrefs(storage)).toEqual(expected);
  });

  it('keeps valid fields and defaults the invalid ones', () => {
    const raw = JSON.stringify({
      displayName: 'x'.repeat(500),
      audioInput: 'mic-1',
      videoInput: 42,
      audioOutput: '',
      micOn: 'yes',
      cameraOn: false,
      unknownField: true,
    });
    expect(parseDevicePrefs(raw)).toEqual({
      ...DEFAULT_DEVICE_PREFS,
      audioInput: 'mic-1',
      cameraOn: false,
    });
  });

  it('remembers the media effects, off unless chosen', () => {
    const storage = memoryStorage();
    expect(loadDevicePrefs(storage)).toMatchObject({ backgroundBlur: false, noiseSuppression: false });
    saveDevicePrefs({ backgroundBlur: true }, storage);
    expect(loadDevicePrefs(storage)).toMatchObject({ backgroundBlur: true, noiseSuppression: false });
    const stale = JSON.stringify({ backgroundBlur: 'yes', noiseSuppression: true });
    expect(parseDevicePrefs(stale)).toMatchObject({ backgroundBlur: false, noiseSuppression: true });
  });

  it('survives garbage, arrays and null', () => {
    for (const raw of ['{not json', '[1,2]', 'null', '"text"', '']) {
      expect(parseDevicePrefs(raw)).toEqual(DEFAULT_DEVICE_PREFS);
    }
  });

  it('works without storage (server rendering, blocked site data)', () => {
    expect(loadDevicePrefs(null)).toEqual(DEFAULT_DEVICE_PREFS);
    expect(saveDevicePrefs({ displayName: 'Bo' }, null).displayName).toBe('Bo');
    const throwing: PrefsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadDevicePrefs(throwing)).toEqual(DEFAULT_DEVICE_PREFS);
    expect(saveDevicePrefs({ cameraOn: false }, throwing).cameraOn).toBe(false);
  });

  it('does not let the returned defaults be mutated', () => {
    const storage = memoryStorage({ [DEVICE_PREFS_KEY]: '{}' });
    const prefs = loadDevicePrefs(storage);
    prefs.displayName = 'changed';
    expect(loadDevicePrefs(storage).displayName).toBe('');
  });
});
