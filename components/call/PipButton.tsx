'use client';

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useTranslations } from 'next-intl';
import { useShallow } from 'zustand/react/shallow';
import {
  closePip,
  enterVideoPip,
  offerCallActions,
  openPipWindow,
  openWhenHidden,
  pipSupport,
  selectPipSource,
  type PipActions,
} from '@/lib/call/pictureInPicture';
import { callActions, useCallStore } from '@/lib/store/callStore';
import { usePipSettings } from '@/lib/store/pipSettings';
import { useTrack } from '@/hooks/useTrack';
import { PipIcon } from '@/components/ui/icons';
import { useCallController } from './CallContext';
import { PipWindow } from './PipWindow';

const noSubscription = () => () => undefined;

/**
 * The control that opens and closes picture-in-picture (the call's own window where the browser
 * allows it, the video alone otherwise), and opens it by itself when the tab is hidden if the user
 * chose that in Settings.
 */
export function PipButton({ className, onLeave }: { className: string; onLeave: () => void }) {
  const t = useTranslations('call');
  const controller = useCallController();
  const support = useSyncExternalStore(noSubscription, pipSupport, () => 'none' as const);
  const source = useCallStore(useShallow(selectPipSource));
  const track = useTrack(source.trackKey);
  const auto = usePipSettings((s) => s.auto);
  const [pipWindow, setPipWindow] = useState<Window | null>(null);
  const [videoOpen, setVideoOpen] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const open = pipWindow !== null || videoOpen;

  const actions = useMemo<PipActions>(
    () => ({
      toggleMic: () => void controller.setMicOn(!useCallStore.getState().local.micOn),
      toggleCamera: () => void controller.setCameraOn(!useCallStore.getState().local.cameraOn),
      leave: () => {
        void closePip();
        onLeave();
      },
    }),
    [controller, onLeave],
  );

  const enter = useCallback(async () => {
    try {
      if (support === 'document') {
        const win = await openPipWindow(t('pipWindowTitle'));
        win.addEventListener('pagehide', () => setPipWindow(null), { once: true });
        setPipWindow(win);
      } else if (support === 'video' && video.current) {
        if (!track) {
          callActions.notify('info', { text: t('pipNoVideoYet') });
          return;
        }
        const el = video.current;
        el.addEventListener('leavepictureinpicture', () => setVideoOpen(false), { once: true });
        await enterVideoPip(el, track);
        setVideoOpen(true);
      }
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      callActions.notify('warning', { text: t('pipFailed', { message: why }) });
    }
  }, [support, track, t]);

  // The shown tile keeps receiving video while it is in picture-in-picture, on the grid or not.
  useEffect(() => {
    controller.setPipTile(open ? source.tileId : null);
  }, [controller, open, source.tileId]);

  // Video picture-in-picture follows the speaker: swap the element's stream.
  useEffect(() => {
    const el = video.current;
    if (!videoOpen || !el || !track) return;
    el.srcObject = new MediaStream([track]);
  }, [videoOpen, track]);

  useEffect(() => (videoOpen ? offerCallActions(actions) : undefined), [videoOpen, actions]);
  useEffect(() => (auto && !open ? openWhenHidden(() => void enter()) : undefined), [auto, open, enter]);
  // Leaving the call closes picture-in-picture.
  useEffect(() => () => void closePip(), []);

  if (support === 'none') return null;
  return (
    <>
      <button
        type="button"
        aria-label={open ? t('exitPictureInPicture') : t('pictureInPicture')}
        title={open ? t('exitPictureInPicture') : t('pictureInPicture')}
        aria-pressed={open}
        onClick={() => void (open ? closePip() : enter())}
        className={`${className} ${open ? 'bg-sky-700 hover:bg-sky-800' : 'bg-neutral-800 hover:bg-neutral-700'}`}
      >
        <PipIcon />
      </button>
      {support === 'video' && (
        <video ref={video} muted playsInline aria-hidden="true" className="sr-only" data-testid="pip-video" />
      )}
      {pipWindow && createPortal(<PipWindow source={source} actions={actions} />, pipWindow.document.body)}
    </>
  );
}
