'use client';

import { useTranslations } from 'next-intl';
import { PanelHeader } from './PanelHeader';
import { useShallow } from 'zustand/react/shallow';
import { can } from '@/lib/meetings/permissions';
import { SELF, findMedia, tileId } from '@/lib/store/tiles';
import { callActions, selectParticipantIds, useCallStore } from '@/lib/store/callStore';
import type { Role } from '@/lib/protocol';
import { useCallController } from './CallContext';
import { CamOffIcon, HandIcon, MicOffIcon, PinIcon } from '@/components/ui/icons';
import { LobbyList } from './LobbyList';

const ROLE_KEY = { host: 'roleHost', cohost: 'roleCohost', guest: null } as const satisfies Record<
  Role,
  string | null
>;
const ACTION =
  'rounded-md px-2 py-0.5 text-xs ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400';

function HostActions({
  peerId,
  name,
  role,
  micOff,
  camOff,
}: {
  peerId: string;
  name: string;
  role: Role;
  micOff: boolean;
  camOff: boolean;
}) {
  const t = useTranslations('call');
  const controller = useCallController();
  const myRole = useCallStore((s) => s.local.role);
  if (!can(myRole, 'mute-others') || role === 'host') return null;
  const mayRemove = role !== 'cohost' || myRole === 'host';
  return (
    <div className="flex flex-wrap gap-1 pl-1 pt-1" role="group" aria-label={t('manageNamed', { name })}>
      {!micOff && (
        <button
          type="button"
          className={ACTION}
          onClick={() => void controller.muteParticipant(peerId)}
          aria-label={t('muteNamed', { name })}
        >
          {t('mute')}
        </button>
      )}
      {!camOff && (
        <button
          type="button"
          className={ACTION}
          onClick={() => void controller.stopParticipantCamera(peerId)}
          aria-label={t('stopCameraNamed', { name })}
        >
          {t('stopCamera')}
        </button>
      )}
      {can(myRole, 'promote') && (
        <button
          type="button"
          className={ACTION}
          onClick={() => void controller.setRole(peerId, role === 'cohost' ? 'guest' : 'cohost')}
          aria-label={role === 'cohost' ? t('removeCohostNamed', { name }) : t('makeCohostNamed', { name })}
        >
          {role === 'cohost' ? t('removeCohost') : t('makeCohost')}
        </button>
      )}
      {mayRemove && (
        <button
          type="button"
          className={`${ACTION} text-red-300`}
          onClick={() => {
            if (window.confirm(t('removeConfirm', { name }))) {
              void controller.removeParticipant(peerId);
            }
          }}
          aria-label={t('removeNamed', { name })}
        >
          {t('remove')}
        </button>
      )}
    </div>
  );
}

function Row({ id }: { id: string }) {
  const t = useTranslations('call');
  const row = useCallStore(
    useShallow((s) => {
      if (id === SELF) {
        const l = s.local;
        return {
          name: t('selfName', { name: l.displayName }),
          micOff: !l.micOn,
          camOff: !l.cameraOn,
          role: l.role,
          hand: l.handRaised,
        };
      }
      const p = s.participants[id];
      const mic = findMedia(p, 'microphone');
      const cam = findMedia(p, 'camera');
      return {
        name: p?.displayName ?? '',
        micOff: !mic || mic.paused,
        camOff: !cam || cam.paused,
        role: p?.role ?? 'guest',
        hand: p?.handRaised ?? false,
      };
    }),
  );
  const pinned = useCallStore((s) => s.pinnedId === tileId('camera', id));
  const roleKey = ROLE_KEY[row.role];
  const roleLabel = roleKey ? t(roleKey) : null;
  return (
    <li
      className="rounded-lg px-2 py-1.5 hover:bg-neutral-800/60"
      data-testid="participant-row"
      data-peer-id={id}
    >
      <div className="flex items-center gap-2">
        {row.hand && (
          <span role="img" aria-label={t('handRaised')} className="text-amber-300">
            <HandIcon className="h-4 w-4" />
          </span>
        )}
        <span className="flex-1 truncate">{row.name}</span>
        {roleLabel && <span className="rounded bg-neutral-700 px-1.5 text-xs">{roleLabel}</span>}
        {row.micOff && <MicOffIcon className="h-4 w-4 text-red-400" />}
        {row.camOff && <CamOffIcon className="h-4 w-4 text-neutral-400" />}
        <button
          type="button"
          onClick={() => callActions.pin(tileId('camera', id))}
          aria-pressed={pinned}
          aria-label={pinned ? t('unpinNamed', { name: row.name }) : t('pinNamed', { name: row.name })}
          className="rounded p-1 hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-sky-400 aria-pressed:text-sky-300"
        >
          <PinIcon className="h-4 w-4" />
        </button>
      </div>
      {id !== SELF && (
        <HostActions peerId={id} name={row.name} role={row.role} micOff={row.micOff} camOff={row.camOff} />
      )}
    </li>
  );
}

function MeetingControls() {
  const t = useTranslations('call');
  const controller = useCallController();
  const role = useCallStore((s) => s.local.role);
  const locked = useCallStore((s) => s.meeting.locked);
  if (!can(role, 'lock')) return null;
  return (
    <div className="flex flex-wrap gap-2 border-t border-neutral-800 p-3">
      <button
        type="button"
        aria-pressed={locked}
        onClick={() => void controller.setMeetingLocked(!locked)}
        className={`${ACTION} aria-pressed:bg-amber-700`}
      >
        {locked ? t('unlockMeeting') : t('lockMeeting')}
      </button>
      {can(role, 'end') && (
        <button
          type="button"
          onClick={() => {
            if (window.confirm(t('endConfirm'))) void controller.endMeeting();
          }}
          className={`${ACTION} bg-red-700 ring-red-700 hover:bg-red-600`}
        >
          {t('endForAll')}
        </button>
      )}
    </div>
  );
}

export function ParticipantsPanel() {
  const t = useTranslations('call');
  const ids = useCallStore(useShallow(selectParticipantIds));
  return (
    <section aria-label={t('participants')} className="flex h-full flex-col">
      <PanelHeader title={t('people', { count: ids.length + 1 })} closeLabel={t('closeParticipants')} />
      <LobbyList />
      <ul className="flex-1 overflow-y-auto px-1 pt-1">
        <Row id={SELF} />
        {ids.map((id) => (
          <Row key={id} id={id} />
        ))}
      </ul>
      <MeetingControls />
    </section>
  );
}
