/**
 * What the browser remembers between meetings: the display name, the chosen camera, microphone and
 * speaker, whether to start with the microphone and camera on, and the media effects chosen. Stored in localStorage; every
 * field is validated on read, so one bad or outdated field falls back to its default alone.
 */
import { z } from 'zod';

export const DEVICE_PREFS_KEY = 'idea-communicator:prefs:v1';
export const MAX_DISPLAY_NAME_LENGTH = 64;

export interface DevicePrefs {
  displayName: string;
  /** deviceIds; null = the browser's default device. */
  audioInput: string | null;
  videoInput: string | null;
  audioOutput: string | null;
  micOn: boolean;
  cameraOn: boolean;
  /** Media effects (lib/media/effects): blur the camera's background, suppress the mic's noise. */
  backgroundBlur: boolean;
  noiseSuppression: boolean;
}

export const DEFAULT_DEVICE_PREFS: DevicePrefs = Object.freeze({
  displayName: '',
  audioInput: null,
  videoInput: null,
  audioOutput: null,
  micOn: true,
  cameraOn: true,
  backgroundBlur: false,
  noiseSuppression: false,
});

const deviceId = z.string().min(1).max(512).nullable().catch(null);

const prefsSchema = z.object({
  displayName: z.string().max(MAX_DISPLAY_NAME_LENGTH).catch(DEFAULT_DEVICE_PREFS.displayName),
  audioInput: deviceId,
  videoInput: deviceId,
  audioOutput: deviceId,
  micOn: z.boolean().catch(DEFAULT_DEVICE_PREFS.micOn),
  cameraOn: z.boolean().catch(DEFAULT_DEVICE_PREFS.cameraOn),
  backgroundBlur: z.boolean().catch(DEFAULT_DEVICE_PREFS.backgroundBlur),
  noiseSuppression: z.boolean().catch(DEFAULT_DEVICE_PREFS.noiseSuppression),
});

/** The subset of the Storage interface used here. */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** window.localStorage, or null on the server or where storage is blocked (privacy settings). */
function defaultStorage(): PrefsStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // accessing localStorage throws when the browser blocks site data
  }
}

/** Parses stored JSON into prefs, keeping the valid fields and defaulting the others. */
export function parseDevicePrefs(raw: string | null): DevicePrefs {
  if (!raw) return { ...DEFAULT_DEVICE_PREFS };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_DEVICE_PREFS };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ...DEFAULT_DEVICE_PREFS };
  const record = data as Record<string, unknown>;
  // A missing field is "undefined", which .catch() turns into the default like any invalid value.
  return prefsSchema.parse({
    displayName: record.displayName,
    audioInput: record.audioInput,
    videoInput: record.videoInput,
    audioOutput: record.audioOutput,
    micOn: record.micOn,
    cameraOn: record.cameraOn,
    backgroundBlur: record.backgroundBlur,
    noiseSuppression: record.noiseSuppression,
  });
}

export function loadDevicePrefs(storage: PrefsStorage | null = defaultStorage()): DevicePrefs {
  try {
    return parseDevicePrefs(storage?.getItem(DEVICE_PREFS_KEY) ?? null);
  } catch {
    return { ...DEFAULT_DEVICE_PREFS };
  }
}

/** Merges `patch` into the stored prefs and returns the result (also when it could not be stored). */
export function saveDevicePrefs(
  patch: Partial<DevicePrefs>,
  storage: PrefsStorage | null = defaultStorage(),
): DevicePrefs {
  const next = parseDevicePrefs(JSON.stringify({ ...loadDevicePrefs(storage), ...patch }));
  try {
    storage?.setItem(DEVICE_PREFS_KEY, JSON.stringify(next));
  } catch {
    // quota exceeded or storage blocked: the prefs just won't be remembered
  }
  return next;
}
