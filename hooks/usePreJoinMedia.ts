'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { acquireLocalMedia, stopTracks, type MediaKind } from '@/lib/media/localMedia';
import { describeMediaError, type MediaErrorInfo } from '@/lib/media/mediaErrors';

export interface PreJoinMediaInit {
  micOn: boolean;
  cameraOn: boolean;
  audioInput: string | null;
  videoInput: string | null;
  /** The app's own noise suppression (then the browser's is turned off when opening the mic). */
  noiseSuppression: boolean;
}

interface KindState {
  track: MediaStreamTrack | null;
  error: MediaErrorInfo | null;
  /** A request for this kind is waiting for the browser (or the permission prompt). */
  pending: boolean;
}

export interface HandOver {
  stream: MediaStream;
  micOn: boolean;
  cameraOn: boolean;
  audioInput: string | null;
  videoInput: string | null;
}

const IDLE: KindState = { track: null, error: null, pending: false };
const PENDING: KindState = { track: null, error: null, pending: true };

function deviceIdOf(track: MediaStreamTrack | null): string | null {
  return track?.getSettings().deviceId || null;
}

/**
 * The camera and microphone of the pre-join screen: opens them, switches devices, turns the camera
 * off (stopping it, so its light goes off) and mutes the microphone (disabling its track). Owns the
 * tracks and stops them on unmount, unless they were handed over with `handOver()`.
 */
export function usePreJoinMedia(init: PreJoinMediaInit, onAcquired?: () => void) {
  const [audio, setAudio] = useState<KindState>(PENDING);
  const [video, setVideo] = useState<KindState>(init.cameraOn ? PENDING : IDLE);
  const [micOn, setMicOnState] = useState(init.micOn);
  const [cameraOn, setCameraOnState] = useState(init.cameraOn);
  const [chosen, setChosen] = useState({ audioInput: init.audioInput, videoInput: init.videoInput });
  /** Kinds whose chosen device was missing in the last request, so the default one is used. */
  const [fellBack, setFellBack] = useState<MediaKind[]>([]);

  // What async work and cleanup need to see now, not as of the render they started in.
  const tracks = useRef<Record<MediaKind, MediaStreamTrack | null>>({ audio: null, video: null });
  const sequence = useRef<Record<MediaKind, number>>({ audio: 0, video: 0 });
  const live = useRef({
    micOn: init.micOn,
    chosen: { audioInput: init.audioInput, videoInput: init.videoInput },
    noiseSuppression: init.noiseSuppression,
  });
  const handedOver = useRef(false);
  const unmounted = useRef(false);
  const onAcquiredRef = useRef(onAcquired);
  useEffect(() => {
    onAcquiredRef.current = onAcquired;
  }, [onAcquired]);

  const setKind = useCallback((kind: MediaKind, state: KindState) => {
    (kind === 'audio' ? setAudio : setVideo)(state);
  }, []);

  /** Drops (and stops) the current track of `kind` and cancels any request still running for it. */
  const release = useCallback((kind: MediaKind) => {
    sequence.current[kind] += 1;
    stopTracks([tracks.current[kind]]);
    tracks.current[kind] = null;
  }, []);

  /** (Re)opens the given kinds with the chosen devices. Callers mark them pending first. */
  const open = useCallback(
    async (kinds: MediaKind[]) => {
      if (kinds.length === 0) return;
      const mine: Partial<Record<MediaKind, number>> = {};
      for (const kind of kinds) {
        release(kind);
        mine[kind] = sequence.current[kind];
      }
      const { audioInput, videoInput } = live.current.chosen;
      const result = await acquireLocalMedia({
        audio: kinds.includes('audio') && {
          deviceId: audioInput,
          browserNoiseSuppression: !live.current.noiseSuppression,
        },
        video: kinds.includes('video') && { deviceId: videoInput },
      });
      let gotOne = false;
      for (const kind of kinds) {
        const track = kind === 'audio' ? result.audioTrack : result.videoTrack;
        const error = kind === 'audio' ? result.audioError : result.videoError;
        if (unmounted.current || mine[kind] !== sequence.current[kind]) {
          stopTracks([track]); // superseded (device switched, camera turned off) or unmounted
          continue;
        }
        if (track && kind === 'audio') track.enabled = live.current.micOn;
        tracks.current[kind] = track;
        setKind(kind, { track, error, pending: false });
        gotOne ||= track !== null;
      }
      if (unmounted.current) return;
      setFellBack((prev) => [...prev.filter((k) => !kinds.includes(k)), ...result.fellBack]);
      if (gotOne) onAcquiredRef.current?.(); // device labels become readable once access is granted
    },
    [release, setKind],
  );

  // Opens the devices on mount; stops them on unmount unless they were handed over.
  useEffect(() => {
    const current = tracks.current;
    const sequences = sequence.current;
    unmounted.current = false;
    void open(init.cameraOn ? ['audio', 'video'] : ['audio']);
    return () => {
      unmounted.current = true;
      sequences.audio += 1;
      sequences.video += 1;
      if (!handedOver.current) stopTracks([current.audio, current.video]);
      current.audio = null;
      current.video = null;
    };
    // The initial choices only matter for the first request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  // A track that ends on its own (device unplugged, access revoked) is reported like a missing device.
  useEffect(() => {
    const watched = ([audio.track, video.track] as const).map((track, i) => {
      const kind: MediaKind = i === 0 ? 'audio' : 'video';
      const onEnded = () => {
        if (tracks.current[kind] !== track) return;
        tracks.current[kind] = null;
        setKind(kind, {
          track: null,
          error: describeMediaError('not-found', kind === 'audio' ? 'microphone' : 'camera'),
          pending: false,
        });
      };
      track?.addEventListener('ended', onEnded);
      return () => track?.removeEventListener('ended', onEnded);
    });
    return () => watched.forEach((unwatch) => unwatch());
  }, [audio.track, video.track, setKind]);

  const setMicOn = useCallback(
    (on: boolean) => {
      live.current.micOn = on;
      setMicOnState(on);
      const track = tracks.current.audio;
      if (track) track.enabled = on;
      else if (on && !audio.pending) {
        setAudio(PENDING);
        void open(['audio']);
      }
    },
    [audio.pending, open],
  );

  const setCameraOn = useCallback(
    (on: boolean) => {
      setCameraOnState(on);
      if (on) {
        setVideo(PENDING);
        void open(['video']);
      } else {
        release('video');
        setVideo(IDLE);
        setFellBack((prev) => prev.filter((k) => k !== 'video'));
      }
    },
    [open, release],
  );

  /** Switches to another camera or microphone (reopening it when it is in use). */
  const chooseDevice = useCallback(
    (kind: MediaKind, deviceId: string | null) => {
      const next = { ...live.current.chosen, [kind === 'audio' ? 'audioInput' : 'videoInput']: deviceId };
      live.current.chosen = next;
      setChosen(next);
      if (kind === 'video' && !cameraOn) return;
      setKind(kind, PENDING);
      void open([kind]);
    },
    [cameraOn, open, setKind],
  );

  /** The app's noise suppression on/off: the microphone is reopened with the browser's own off/on. */
  const setNoiseSuppression = useCallback(
    (on: boolean) => {
      live.current.noiseSuppression = on;
      if (!tracks.current.audio && !audio.pending) return;
      setAudio(PENDING);
      void open(['audio']);
    },
    [audio.pending, open],
  );

  /** Opens again whatever is wanted but missing (after the user fixed a permission or device). */
  const retry = useCallback(() => {
    const kinds: MediaKind[] = [];
    if (!tracks.current.audio) kinds.push('audio');
    if (cameraOn && !tracks.current.video) kinds.push('video');
    kinds.forEach((kind) => setKind(kind, PENDING));
    void open(kinds);
  }, [cameraOn, open, setKind]);

  /** Gives the tracks away: from now on the caller stops them, not this hook. */
  const handOver = useCallback((): HandOver => {
    handedOver.current = true;
    const audioTrack = tracks.current.audio;
    const videoTrack = cameraOn ? tracks.current.video : null;
    if (audioTrack) audioTrack.enabled = micOn;
    return {
      stream: new MediaStream([audioTrack, videoTrack].filter((t): t is MediaStreamTrack => t !== null)),
      micOn: micOn && audioTrack !== null,
      cameraOn: videoTrack !== null,
      audioInput: deviceIdOf(audioTrack) ?? chosen.audioInput,
      videoInput: deviceIdOf(videoTrack) ?? chosen.videoInput,
    };
  }, [cameraOn, chosen, micOn]);

  /**
   * Takes the tracks back after a hand-over that did not lead anywhere (joining failed): they are
   * stopped on unmount again, and any the caller already stopped are reopened.
   */
  const reclaim = useCallback(() => {
    if (!handedOver.current) return;
    handedOver.current = false;
    const kinds: MediaKind[] = [];
    if (tracks.current.audio?.readyState !== 'live') kinds.push('audio');
    if (cameraOn && tracks.current.video?.readyState !== 'live') kinds.push('video');
    kinds.forEach((kind) => setKind(kind, PENDING));
    void open(kinds);
  }, [cameraOn, open, setKind]);

  return {
    audio,
    video,
    micOn,
    cameraOn,
    /** The devices in use (or chosen, while none is open). */
    audioInput: deviceIdOf(audio.track) ?? chosen.audioInput,
    videoInput: deviceIdOf(video.track) ?? chosen.videoInput,
    fellBack,
    setMicOn,
    setCameraOn,
    chooseDevice,
    setNoiseSuppression,
    retry,
    handOver,
    reclaim,
  };
}
