'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { EMPTY_DEVICE_LISTS, groupDevices, sameDeviceLists, type DeviceLists } from '@/lib/media/deviceList';
import { classifyMediaError, type MediaErrorInfo } from '@/lib/media/mediaErrors';

export interface MediaDevicesState {
  /** Cameras, microphones and speakers, in the browser's order. Labels appear once access is granted. */
  devices: DeviceLists;
  /** Whether audio can be sent to a chosen speaker (HTMLMediaElement.setSinkId). */
  canChooseSpeaker: boolean;
  /** Why the list could not be read (null normally). */
  error: MediaErrorInfo | null;
  /** Reads the list again; call it after camera/microphone access was granted, as labels appear only then. */
  refresh: () => Promise<void>;
}

const noSubscription = () => () => undefined;

function sinkIdSupported(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Whether this browser lets a page pick the audio output device (false while server rendering). */
export function useSinkIdSupported(): boolean {
  return useSyncExternalStore(noSubscription, sinkIdSupported, () => false);
}

function mediaDevices(): MediaDevices | null {
  if (typeof navigator === 'undefined') return null;
  // Undefined on insecure origins, whatever the DOM typings say.
  const md: MediaDevices | undefined = navigator.mediaDevices;
  return typeof md?.enumerateDevices === 'function' ? md : null;
}

/** Lists the media devices and keeps the list current as devices are plugged in and out. */
export function useMediaDevices(): MediaDevicesState {
  const [devices, setDevices] = useState<DeviceLists>(EMPTY_DEVICE_LISTS);
  const [error, setError] = useState<MediaErrorInfo | null>(null);
  const canChooseSpeaker = useSinkIdSupported();
  /** Only the newest enumeration may win when several overlap. */
  const sequence = useRef(0);

  const refresh = useCallback(async () => {
    const md = mediaDevices();
    if (!md) return;
    const mine = ++sequence.current;
    try {
      const next = groupDevices(await md.enumerateDevices());
      if (mine !== sequence.current) return;
      setDevices((prev) => (sameDeviceLists(prev, next) ? prev : next));
      setError(null);
    } catch (err) {
      if (mine === sequence.current) setError(classifyMediaError(err));
    }
  }, []);

  useEffect(() => {
    const md = mediaDevices();
    if (!md) return;
    const onChange = () => void refresh();
    onChange();
    md.addEventListener('devicechange', onChange);
    return () => {
      md.removeEventListener('devicechange', onChange);
      sequence.current += 1; // drop results that arrive after unmount
    };
  }, [refresh]);

  return { devices, canChooseSpeaker, error, refresh };
}
