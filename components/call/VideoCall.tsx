'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useEffect, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SELF, selectTileIds, tileId } from '@/lib/store/tiles';
import { callActions, selectParticipantIds, useCallStore } from '@/lib/store/callStore';
import { AudioRenderer } from './AudioRenderer';
import { CallStatus } from './CallStatus';
import { useCallController } from './CallContext';
import { Notices } from './Notices';
import { RecordingIndicator } from './RecordingIndicator';
import { WaitingScreen } from './WaitingScreen';
import { useCallShortcuts } from '@/hooks/useCallShortcuts';
import { usePanelFocus } from '@/hooks/usePanelFocus';
import { LiveAnnouncer } from './LiveAnnouncer';
import { VideoControls } from './VideoControls';
import { VideoGrid } from './VideoGrid';

// Side panels load when first opened, not with the call screen.
const ChatPanel = dynamic(() => import('./ChatPanel').then((m) => m.ChatPanel), { ssr: false });
const ParticipantsPanel = dynamic(() => import('./ParticipantsPanel').then((m) => m.ParticipantsPanel), {
  ssr: false,
});

/** Switches to speaker view when someone else starts sharing, and back when all shares end. */
function useSpotlightShares(): void {
  const remoteShares = useCallStore(
    useShallow((s) =>
      selectTileIds(s).filter((id) => id.startsWith('screen:') && id !== tileId('screen', SELF)),
    ),
  );
  const auto = useRef(false);
  const count = remoteShares.length;
  const previous = useRef(0);
  useEffect(() => {
    const { layout, pinnedId } = useCallStore.getState();
    if (count > previous.current && layout === 'grid' && !pinnedId) {
      callActions.setLayout('speaker');
      auto.current = true;
    } else if (count === 0 && auto.current) {
      callActions.setLayout('grid');
      auto.current = false;
    }
    previous.current = count;
  }, [count]);
}

/** The in-call screen: header, the video stage, side panel, controls, audio and notices. */
export function VideoCall({
  meetingId,
  onLeave,
  devicesPanel,
}: {
  meetingId: string;
  onLeave: () => void;
  devicesPanel: ReactNode;
}) {
  const t = useTranslations('call');
  const controller = useCallController();
  const callState = useCallStore((s) => s.callState);
  const people = useCallStore(useShallow(selectParticipantIds)).length + 1;
  const panel = useCallStore((s) => s.panel);
  const aside = useRef<HTMLElement>(null);
  useCallShortcuts(controller, onLeave);
  useSpotlightShares();
  usePanelFocus(panel, aside);

  // The announcer keeps its place (second child) from the waiting room into the call.
  if (callState === 'waiting') {
    return (
      <>
        <WaitingScreen meetingId={meetingId} onLeave={onLeave} />
        <LiveAnnouncer />
      </>
    );
  }

  return (
    <>
      <main className="relative flex h-dvh flex-col overflow-hidden bg-neutral-950" data-testid="call-view">
        <h1 className="sr-only">{t('meetingHeading', { meetingId })}</h1>
        <header className="flex items-center gap-3 px-3 pt-2 text-sm text-neutral-300">
          <span className="truncate font-mono">{meetingId}</span>
          <span
            aria-label={t('inTheCall', { count: people })}
            data-testid="people-count"
            className="text-neutral-400"
          >
            · {t('peopleCount', { count: people })}
          </span>
          <RecordingIndicator />
          <CallStatus onLeave={onLeave} />
        </header>
        <div className="relative flex min-h-0 flex-1 gap-2 p-2">
          <VideoGrid />
          {panel && (
            <aside
              ref={aside}
              tabIndex={-1}
              className="absolute inset-2 z-20 w-auto rounded-xl bg-neutral-900 shadow-xl ring-1 ring-neutral-800 sm:static sm:inset-auto sm:w-80"
            >
              {panel === 'participants' ? (
                <ParticipantsPanel />
              ) : panel === 'chat' ? (
                <ChatPanel />
              ) : (
                devicesPanel
              )}
            </aside>
          )}
        </div>
        <VideoControls onLeave={onLeave} />
        <AudioRenderer />
        <Notices />
      </main>
      <LiveAnnouncer />
    </>
  );
}
