'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { callActions, useCallStore, type Panel } from '@/lib/store/callStore';
import { PANEL_BUTTON_ATTR } from '@/hooks/usePanelFocus';
import { useCallController } from './CallContext';
import { ReactionPicker } from './ReactionPicker';
import { StatsButton } from './StatsButton';
import { RecordingControl } from './RecordingControl';
import { PipButton } from './PipButton';
import {
  CamIcon,
  ChatIcon,
  HandIcon,
  CamOffIcon,
  GearIcon,
  GridIcon,
  LeaveIcon,
  MicIcon,
  MicOffIcon,
  PeopleIcon,
  ScreenIcon,
  SpeakerLayoutIcon,
} from '@/components/ui/icons';

export const SHORTCUTS = {
  mic: 'm',
  camera: 'v',
  share: 's',
  people: 'p',
  chat: 'c',
  hand: 'h',
  layout: 'g',
  leave: 'Shift+L',
} as const;

const BASE =
  'flex h-12 min-w-12 items-center justify-center gap-2 rounded-full px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:opacity-40';

function ControlButton({
  label,
  shortcut,
  pressed,
  danger,
  onClick,
  disabled,
  children,
  testId,
  panel,
}: {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  /** Red when in the "off" state (mic/camera off). */
  danger?: boolean;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
  testId?: string;
  /** The side panel this button opens (focus comes back here when it closes). */
  panel?: Panel;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut?.toUpperCase()}
      title={shortcut ? `${label} (${shortcut.toUpperCase()})` : label}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
      {...(panel ? { [PANEL_BUTTON_ATTR]: panel } : {})}
      className={`${BASE} ${
        danger
          ? 'bg-red-700 hover:bg-red-600'
          : pressed
            ? 'bg-sky-700 hover:bg-sky-800'
            : 'bg-neutral-800 hover:bg-neutral-700'
      }`}
    >
      {children}
    </button>
  );
}

/** Runs one control action at a time per control, so double clicks don't race. */
function useBusy() {
  const [busy, setBusy] = useState<string | null>(null);
  const run = (key: string, fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(key);
    fn().finally(() => setBusy(null));
  };
  return [busy, run] as const;
}

export function VideoControls({ onLeave }: { onLeave: () => void }) {
  const t = useTranslations('call');
  const controller = useCallController();
  const micOn = useCallStore((s) => s.local.micOn);
  const cameraOn = useCallStore((s) => s.local.cameraOn);
  const sharing = useCallStore((s) => s.local.sharing);
  const panel = useCallStore((s) => s.panel);
  const layout = useCallStore((s) => s.layout);
  const unread = useCallStore((s) => s.unreadChat);
  const waiting = useCallStore((s) => s.lobby.length);
  const hand = useCallStore((s) => s.local.handRaised);
  const guestsCanShare = useCallStore((s) => s.meeting.guestsCanShare || s.local.role !== 'guest');
  const [busy, run] = useBusy();
  const canShare = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia;

  return (
    <div
      role="toolbar"
      aria-label={t('callControls')}
      className="flex flex-wrap items-center justify-center gap-2 p-2 sm:gap-3"
    >
      <ControlButton
        label={t('microphone')}
        shortcut={SHORTCUTS.mic}
        pressed={micOn}
        danger={!micOn}
        disabled={busy === 'mic'}
        onClick={() => run('mic', () => controller.setMicOn(!micOn))}
      >
        {micOn ? <MicIcon /> : <MicOffIcon />}
      </ControlButton>
      <ControlButton
        label={t('camera')}
        shortcut={SHORTCUTS.camera}
        pressed={cameraOn}
        danger={!cameraOn}
        disabled={busy === 'camera'}
        onClick={() => run('camera', () => controller.setCameraOn(!cameraOn))}
      >
        {cameraOn ? <CamIcon /> : <CamOffIcon />}
      </ControlButton>
      {canShare && guestsCanShare && (
        <ControlButton
          label={t('shareScreen')}
          shortcut={SHORTCUTS.share}
          pressed={sharing}
          disabled={busy === 'share'}
          onClick={() =>
            run('share', () => (sharing ? controller.stopScreenShare() : controller.startScreenShare()))
          }
        >
          <ScreenIcon />
        </ControlButton>
      )}
      <ControlButton
        label={layout === 'grid' ? t('speakerView') : t('gridView')}
        shortcut={SHORTCUTS.layout}
        onClick={() => callActions.setLayout(layout === 'grid' ? 'speaker' : 'grid')}
      >
        {layout === 'grid' ? <SpeakerLayoutIcon /> : <GridIcon />}
      </ControlButton>
      <ControlButton
        label={waiting > 0 ? t('participantsWaiting', { count: waiting }) : t('participants')}
        shortcut={SHORTCUTS.people}
        pressed={panel === 'participants'}
        onClick={() => callActions.togglePanel('participants')}
        panel="participants"
        testId="participants-button"
      >
        <PeopleIcon />
        {waiting > 0 && (
          <span
            aria-hidden="true"
            data-testid="waiting-badge"
            className="rounded-full bg-amber-300 px-1.5 text-xs font-bold text-neutral-950"
          >
            {waiting}
          </span>
        )}
      </ControlButton>
      <ControlButton
        label={t('raiseHand')}
        shortcut={SHORTCUTS.hand}
        pressed={hand}
        disabled={busy === 'hand'}
        onClick={() => run('hand', () => controller.setHandRaised(!hand))}
      >
        <HandIcon />
      </ControlButton>
      <ReactionPicker />
      <RecordingControl />
      <ControlButton
        label={unread > 0 ? t('chatUnread', { count: unread }) : t('chat')}
        shortcut={SHORTCUTS.chat}
        pressed={panel === 'chat'}
        onClick={() => callActions.togglePanel('chat')}
        testId="chat-button"
        panel="chat"
      >
        <ChatIcon />
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="rounded-full bg-sky-400 px-1.5 text-xs font-bold text-neutral-950"
          >
            {unread}
          </span>
        )}
      </ControlButton>
      <StatsButton className={BASE} />
      <PipButton className={BASE} onLeave={onLeave} />
      <ControlButton
        label={t('settings')}
        pressed={panel === 'devices'}
        onClick={() => callActions.togglePanel('devices')}
        panel="devices"
      >
        <GearIcon />
      </ControlButton>
      <button
        type="button"
        onClick={onLeave}
        aria-label={t('leaveCall')}
        aria-keyshortcuts="Shift+L"
        title={`${t('leaveCall')} (Shift+L)`}
        className={`${BASE} bg-red-700 px-5 hover:bg-red-600`}
      >
        <LeaveIcon />
        <span className="hidden sm:inline">{t('leave')}</span>
      </button>
    </div>
  );
}
