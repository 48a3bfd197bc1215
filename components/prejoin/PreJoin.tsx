'use client';

import {
  useCallback,
  useEffect,
  useId,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useTranslations } from 'next-intl';
import { DeviceSelector, type DeviceSelection } from '@/components/devices/DeviceSelector';
import { EffectToggles, type EffectChoice } from '@/components/devices/EffectToggles';
import { MicLevelMeter } from '@/components/devices/MicLevelMeter';
import type { DeviceKind } from '@/lib/media/deviceList';
import { loadDevicePrefs, MAX_DISPLAY_NAME_LENGTH, saveDevicePrefs } from '@/lib/media/devicePrefs';
import { mergeMediaErrors } from '@/lib/media/mediaErrors';
import { useMediaErrorText } from '@/hooks/useMediaErrorText';
import { useMediaDevices } from '@/hooks/useMediaDevices';
import { CopyLinkButton } from '@/components/ui/CopyLinkButton';
import { CamIcon, CamOffIcon, MicIcon, MicOffIcon, PersonIcon } from '@/components/ui/icons';
import { PreviewVideo } from './PreviewVideo';
import { ToggleButton } from './ToggleButton';
import { PreJoinRecordingNotice } from './PreJoinRecordingNotice';
import { usePreJoinMedia } from '@/hooks/usePreJoinMedia';
import { useEffectTrack } from '@/hooks/useEffectTrack';
import { startBackgroundBlur } from '@/lib/media/effects/backgroundBlur';
import { startNoiseSuppression } from '@/lib/media/effects/noiseSuppression';

export interface JoinChoice {
  displayName: string;
  /**
   * Tracks to start the call with. Camera off → no video track (preview stopped, camera light off).
   * Mic off → the audio track is kept but the call starts muted (the track is disabled).
   */
  stream: MediaStream;
  micOn: boolean;
  cameraOn: boolean;
  devices: { audioInput: string | null; videoInput: string | null; audioOutput: string | null };
  /** Background blur and noise suppression, as chosen (and working) in the preview. */
  effects: EffectChoice;
}

export interface PreJoinProps {
  meetingId: string;
  /**
   * Called with the user's choices. From then on the stream belongs to the caller: PreJoin no longer
   * stops it, even when unmounted. If joining fails and the caller shows PreJoin again with `error`
   * set, PreJoin takes the stream back (and reopens any track the caller stopped).
   */
  onJoin: (choice: JoinChoice) => void;
  /** Joining is in progress: the controls are disabled. */
  joining?: boolean;
  /** Why the last join attempt failed, shown above the Join button. */
  error?: string | null;
  /** The signed-in user's account name: the name field starts with it. */
  accountName?: string | null;
  /** The language picker, rendered under the Join button. */
  languageSwitcher?: ReactNode;
}

const noSubscription = () => () => undefined;

/**
 * The screen before entering a meeting: camera preview, microphone level, device pickers, name and
 * the Join button. It only renders in the browser (it reads remembered choices from localStorage).
 */
export function PreJoin(props: PreJoinProps) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return inBrowser ? <PreJoinScreen {...props} /> : <PreJoinSkeleton />;
}

function PreJoinSkeleton() {
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 lg:flex-row lg:items-center lg:gap-10">
      <div className="aspect-video w-full rounded-2xl bg-neutral-900 ring-1 ring-neutral-800 lg:flex-[3]" />
      <div className="lg:flex-[2]" />
    </main>
  );
}

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}

function PreJoinScreen({
  meetingId,
  onJoin,
  joining = false,
  error = null,
  accountName = null,
  languageSwitcher,
}: PreJoinProps) {
  const t = useTranslations('prejoin');
  const mediaErrorText = useMediaErrorText();
  const [prefs] = useState(() => loadDevicePrefs());
  const [name, setName] = useState(accountName || prefs.displayName);
  const [audioOutput, setAudioOutput] = useState(prefs.audioOutput);
  const { devices, refresh } = useMediaDevices();
  const media = usePreJoinMedia(prefs, refresh);
  const [effects, setEffects] = useState<EffectChoice>({
    backgroundBlur: prefs.backgroundBlur,
    noiseSuppression: prefs.noiseSuppression,
  });
  const [effectErrors, setEffectErrors] = useState<Partial<Record<keyof EffectChoice, string>>>({});
  const effectFailed = useCallback(
    (name: keyof EffectChoice, message: string) => {
      setEffects((prev) => ({ ...prev, [name]: false }));
      setEffectErrors((prev) => ({
        ...prev,
        [name]: t('effectFailed', { message }),
      }));
    },
    [t],
  );
  const blurFailed = useCallback((m: string) => effectFailed('backgroundBlur', m), [effectFailed]);
  const noiseFailed = useCallback((m: string) => effectFailed('noiseSuppression', m), [effectFailed]);
  const preview = useEffectTrack(media.video.track, startBackgroundBlur, effects.backgroundBlur, blurFailed);
  const mic = useEffectTrack(media.audio.track, startNoiseSuppression, effects.noiseSuppression, noiseFailed);
  const nameId = useId();
  const nameHintId = useId();

  const { reclaim } = media;
  useEffect(() => {
    // A failed join hands the stream back (see PreJoinProps.onJoin).
    if (error && !joining) reclaim();
  }, [error, joining, reclaim]);

  const starting = media.audio.pending || media.video.pending;
  const trimmedName = name.trim();
  const canJoin = trimmedName !== '' && !starting && !joining;
  const problems = mergeMediaErrors(media.cameraOn ? media.video.error : null, media.audio.error).map(
    mediaErrorText,
  );
  const sendsNothing = !starting && !media.audio.track && !media.video.track;
  const selection: DeviceSelection = {
    audioInput: media.audioInput,
    videoInput: media.videoInput,
    audioOutput,
  };

  function onDeviceChange(kind: DeviceKind, deviceId: string | null) {
    saveDevicePrefs({ [kind]: deviceId });
    if (kind === 'audioOutput') setAudioOutput(deviceId);
    else media.chooseDevice(kind === 'audioInput' ? 'audio' : 'video', deviceId);
  }

  // A toggle shows what actually happens: "on" but unavailable (blocked, missing) shows as off, and
  // pressing it then tries that device again.
  const micActive = media.micOn && (media.audio.track !== null || media.audio.pending);
  const cameraActive = media.cameraOn && (media.video.track !== null || media.video.pending);

  function onEffectChange(name: keyof EffectChoice, on: boolean) {
    saveDevicePrefs({ [name]: on });
    setEffects((prev) => ({ ...prev, [name]: on }));
    setEffectErrors((prev) => ({ ...prev, [name]: undefined }));
    if (name === 'noiseSuppression') media.setNoiseSuppression(on);
  }

  function toggleMic() {
    saveDevicePrefs({ micOn: !micActive });
    media.setMicOn(!micActive);
  }

  function toggleCamera() {
    saveDevicePrefs({ cameraOn: !cameraActive });
    media.setCameraOn(!cameraActive);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canJoin) return;
    saveDevicePrefs({ displayName: trimmedName });
    const handed = media.handOver();
    onJoin({
      displayName: trimmedName,
      stream: handed.stream,
      micOn: handed.micOn,
      cameraOn: handed.cameraOn,
      devices: { audioInput: handed.audioInput, videoInput: handed.videoInput, audioOutput },
      effects,
    });
  }

  let cameraNote: string;
  if (!media.cameraOn) cameraNote = t('cameraOff');
  else if (media.video.pending) cameraNote = t('startingCamera');
  else if (preview.pending) cameraNote = t('blurringBackground');
  else cameraNote = media.video.error ? mediaErrorText(media.video.error).title : t('cameraOff');

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6 lg:flex-row lg:items-center lg:gap-10 lg:py-10">
      <section aria-label={t('preview')} className="flex w-full flex-col gap-3 lg:flex-[3]">
        <div className="relative aspect-video w-full overflow-hidden rounded-2xl bg-neutral-900 ring-1 ring-neutral-800">
          {preview.track ? (
            <PreviewVideo track={preview.track} className="h-full w-full object-cover" />
          ) : (
            <div
              data-testid="preview-off"
              className="absolute inset-0 flex flex-col items-center justify-center gap-2 pb-16 text-neutral-400 sm:gap-3 sm:pb-12"
            >
              <span className="flex size-14 items-center justify-center rounded-full bg-sky-800 text-xl font-semibold text-white sm:size-24 sm:text-3xl">
                {initialsOf(name) || <PersonIcon className="size-8 sm:size-10" />}
              </span>
              <span className="text-sm">{cameraNote}</span>
            </div>
          )}
          <div className="absolute inset-x-0 bottom-0 flex justify-center gap-3 bg-gradient-to-t from-black/70 to-transparent px-3 pt-8 pb-3">
            <ToggleButton
              label={t('microphone')}
              title={micActive ? t('turnMicOff') : t('turnMicOn')}
              on={micActive}
              disabled={joining}
              onClick={toggleMic}
            >
              {micActive ? <MicIcon /> : <MicOffIcon />}
            </ToggleButton>
            <ToggleButton
              label={t('camera')}
              title={cameraActive ? t('turnCameraOff') : t('turnCameraOn')}
              on={cameraActive}
              disabled={joining}
              onClick={toggleCamera}
            >
              {cameraActive ? <CamIcon /> : <CamOffIcon />}
            </ToggleButton>
          </div>
        </div>
        <div className="flex items-center gap-3 px-1">
          {micActive ? (
            <MicIcon className="size-4 shrink-0 text-neutral-400" />
          ) : (
            <MicOffIcon className="size-4 shrink-0 text-neutral-400" />
          )}
          <MicLevelMeter track={media.micOn ? mic.track : null} className="flex-1" />
          <span className="shrink-0 text-right text-xs whitespace-nowrap text-neutral-400">
            {!media.audio.track
              ? media.audio.pending
                ? t('startingMicrophone')
                : t('microphoneUnavailable')
              : media.micOn
                ? t('saySomething')
                : t('microphoneOff')}
          </span>
        </div>
      </section>

      <section aria-labelledby="prejoin-title" className="flex w-full flex-col gap-5 lg:max-w-md lg:flex-[2]">
        <header className="space-y-2">
          <h1 id="prejoin-title" className="text-2xl font-semibold tracking-tight">
            {t('title')}
          </h1>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-neutral-400">
            <span>
              {t.rich('meeting', {
                meetingId,
                code: (chunks) => <span className="font-mono text-neutral-200">{chunks}</span>,
              })}
            </span>
            <CopyLinkButton meetingId={meetingId} />
          </div>
          <PreJoinRecordingNotice meetingId={meetingId} />
        </header>

        <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={nameId} className="text-sm text-neutral-400">
              {t('yourName')}
            </label>
            <input
              id={nameId}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                saveDevicePrefs({ displayName: e.target.value.trim() });
              }}
              maxLength={MAX_DISPLAY_NAME_LENGTH}
              autoComplete="nickname"
              placeholder={t('namePlaceholder')}
              aria-describedby={trimmedName === '' ? nameHintId : undefined}
              disabled={joining}
              className="rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2.5 placeholder:text-neutral-500 hover:border-neutral-600 focus-visible:border-sky-500 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 disabled:opacity-50"
            />
            {trimmedName === '' && (
              <p id={nameHintId} className="text-xs text-neutral-400">
                {t('nameHint')}
              </p>
            )}
          </div>

          <DeviceSelector
            devices={devices}
            value={selection}
            onChange={onDeviceChange}
            disabled={joining}
            className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-1"
          />

          <EffectToggles
            value={effects}
            onChange={onEffectChange}
            pending={[
              ...(preview.pending ? ['backgroundBlur' as const] : []),
              ...(mic.pending ? ['noiseSuppression' as const] : []),
            ]}
            errors={effectErrors}
            disabled={joining}
          />

          {problems.length > 0 && (
            <div
              role="alert"
              data-testid="media-guidance"
              className="flex flex-col gap-3 rounded-xl bg-amber-950/60 p-4 text-sm text-amber-100 ring-1 ring-amber-800/60"
            >
              {problems.map((p) => (
                <div key={p.title} className="space-y-1">
                  <p className="font-semibold">{p.title}</p>
                  <p className="text-amber-200/90">{p.message}</p>
                </div>
              ))}
              <button
                type="button"
                onClick={media.retry}
                disabled={starting || joining}
                className="self-start rounded-lg bg-amber-200 px-3 py-1.5 font-medium text-amber-950 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-200 disabled:opacity-50"
              >
                {t('tryAgain')}
              </button>
            </div>
          )}

          {media.fellBack.length > 0 && (
            <p role="status" className="text-sm text-neutral-400">
              {t('fellBack', {
                devices:
                  media.fellBack.length > 1
                    ? 'both'
                    : media.fellBack[0] === 'audio'
                      ? 'microphone'
                      : 'camera',
              })}
            </p>
          )}

          {sendsNothing && (
            <p
              role="status"
              data-testid="receive-only-notice"
              className="rounded-xl bg-neutral-900 p-4 text-sm text-neutral-300 ring-1 ring-neutral-800"
            >
              {t('receiveOnly')}
            </p>
          )}

          {error && (
            <p role="alert" className="rounded-xl bg-red-950/70 p-4 text-sm text-red-200 ring-1 ring-red-900">
              {error}{' '}
              <a href="/diagnostics" target="_blank" rel="noopener" className="underline underline-offset-4">
                {t('runConnectionTest')}
              </a>
            </p>
          )}

          <button
            type="submit"
            disabled={!canJoin}
            className="rounded-full bg-sky-700 px-6 py-3 font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:bg-neutral-800 disabled:text-neutral-500"
          >
            {joining ? t('joining') : t('joinNow')}
          </button>
          <a
            href="/diagnostics"
            target="_blank"
            rel="noopener"
            className="self-center text-sm text-sky-400 underline underline-offset-4 hover:text-sky-300"
          >
            {t('testConnection')}
          </a>
          {languageSwitcher && <div className="self-center">{languageSwitcher}</div>}
        </form>
      </section>
    </main>
  );
}
