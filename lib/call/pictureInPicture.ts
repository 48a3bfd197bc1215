/**
 * Picture-in-picture for the call: what it shows (a screen share, else the active speaker) and
 * how it opens. Where the browser has Document Picture-in-Picture the call gets a small window of
 * its own (video plus microphone, camera and leave buttons, drawn by PipWindow); elsewhere the
 * video element itself goes picture-in-picture, with the microphone, camera and hang-up actions
 * offered through the Media Session API where the browser shows them. Browser-only, no React.
 */
import { findMedia, SELF, tileId } from '@/lib/store/tiles';
import type { CallStoreState } from '@/lib/store/callStore';
import { LOCAL_CAMERA, LOCAL_SCREEN } from './trackRegistry';

/** The part of the Document Picture-in-Picture API used here (not yet in TypeScript's DOM types). */
interface DocumentPictureInPicture extends EventTarget {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
  readonly window: Window | null;
}

declare global {
  interface Window {
    documentPictureInPicture?: DocumentPictureInPicture;
  }
}

export type PipKind = 'document' | 'video' | 'none';

/** Which kind of picture-in-picture this browser offers. */
export function pipSupport(): PipKind {
  if (typeof window === 'undefined') return 'none';
  if (window.documentPictureInPicture) return 'document';
  if (typeof document !== 'undefined' && document.pictureInPictureEnabled) return 'video';
  return 'none';
}

/** What picture-in-picture shows: a tile and the key of its video in the track registry. */
export interface PipSource {
  tileId: string;
  trackKey: string | null;
  /** Whose picture it is (null: one's own), worded by the window ("Screen of Gus", "You"). */
  name: string | null;
  /** A shared screen rather than a camera. */
  screen: boolean;
}

/**
 * Someone else's screen share first (what people look at), then the active speaker, then the
 * first other person in the call, then oneself.
 */
export function selectPipSource(s: CallStoreState): PipSource {
  const people = Object.values(s.participants).sort((a, b) => a.joinedAt - b.joinedAt);
  const sharing = people.find((p) => findMedia(p, 'screen'));
  if (sharing) {
    return {
      tileId: tileId('screen', sharing.peerId),
      trackKey: findMedia(sharing, 'screen')?.consumerId ?? null,
      name: sharing.displayName,
      screen: true,
    };
  }
  const speaker = s.activeSpeakerId ? s.participants[s.activeSpeakerId] : undefined;
  const shown = speaker ?? people[0];
  if (shown) {
    return {
      tileId: tileId('camera', shown.peerId),
      trackKey: findMedia(shown, 'camera')?.consumerId ?? null,
      name: shown.displayName,
      screen: false,
    };
  }
  if (s.local.sharing)
    return { tileId: tileId('screen', SELF), trackKey: LOCAL_SCREEN, name: null, screen: true };
  return { tileId: tileId('camera', SELF), trackKey: LOCAL_CAMERA, name: null, screen: false };
}

/**
 * Copies the page's styles into the picture-in-picture window so the same utility classes
 * apply there (the window starts with an empty document).
 */
function copyStyles(target: Document): void {
  for (const sheet of [...document.styleSheets]) {
    try {
      const style = target.createElement('style');
      style.textContent = [...sheet.cssRules].map((rule) => rule.cssText).join('\n');
      target.head.appendChild(style);
    } catch {
      // A cross-origin sheet cannot be read: link it instead.
      if (!sheet.href) continue;
      const link = target.createElement('link');
      link.rel = 'stylesheet';
      link.href = sheet.href;
      target.head.appendChild(link);
    }
  }
}

/** Opens the call's own picture-in-picture window (needs a user gesture); styles included. */
export async function openPipWindow(title: string): Promise<Window> {
  const api = window.documentPictureInPicture;
  if (!api) throw new Error('Document Picture-in-Picture is not available in this browser');
  const pip = await api.requestWindow({ width: 360, height: 260 });
  copyStyles(pip.document);
  pip.document.title = title;
  pip.document.documentElement.lang = document.documentElement.lang || 'en';
  pip.document.body.className = 'm-0 bg-neutral-950 text-neutral-100';
  return pip;
}

/** Closes the call's picture-in-picture, of whichever kind is open. */
export async function closePip(): Promise<void> {
  window.documentPictureInPicture?.window?.close();
  if (document.pictureInPictureElement) await document.exitPictureInPicture();
}

/** Plays `track` in `video` and puts that element in picture-in-picture (needs a user gesture). */
export async function enterVideoPip(video: HTMLVideoElement, track: MediaStreamTrack): Promise<void> {
  video.srcObject = new MediaStream([track]);
  video.muted = true;
  await video.play();
  await video.requestPictureInPicture();
}

export interface PipActions {
  toggleMic(): void;
  toggleCamera(): void;
  leave(): void;
}

type SessionAction = 'togglemicrophone' | 'togglecamera' | 'hangup' | 'enterpictureinpicture';

/** Sets a Media Session action handler where the browser knows the action (it throws otherwise). */
function setAction(action: SessionAction, handler: (() => void) | null): boolean {
  const session = typeof navigator === 'undefined' ? undefined : navigator.mediaSession;
  if (!session) return false;
  try {
    // The call actions are newer than TypeScript's MediaSessionAction list.
    session.setActionHandler(action as MediaSessionAction, handler);
    return true;
  } catch {
    return false;
  }
}

/**
 * Offers microphone, camera and hang-up in the browser's own picture-in-picture controls (video
 * picture-in-picture); returns what removes them.
 */
export function offerCallActions(actions: PipActions): () => void {
  setAction('togglemicrophone', actions.toggleMic);
  setAction('togglecamera', actions.toggleCamera);
  setAction('hangup', actions.leave);
  return () => {
    setAction('togglemicrophone', null);
    setAction('togglecamera', null);
    setAction('hangup', null);
  };
}

/**
 * Opens picture-in-picture when the user switches away from the tab. Browsers only allow that
 * without a click through the Media Session "enterpictureinpicture" action (Chromium shows it for
 * pages in a call); where that is missing, nothing happens automatically. Returns what stops it.
 */
export function openWhenHidden(open: () => void): () => void {
  const offered = setAction('enterpictureinpicture', open);
  return () => {
    if (offered) setAction('enterpictureinpicture', null);
  };
}
