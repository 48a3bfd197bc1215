'use client';

import { PanelHeader } from './PanelHeader';
import { useShallow } from 'zustand/react/shallow';
import { can } from '@/lib/meetings/permissions';
import { SELF, findMedia, tileId } from '@/lib/store/tiles';
import { callActions, selectParticipantIds, useCallStore } from '@/lib/store/callStore';
import type { Role } from '@/lib/protocol';
import { useCallController } from './CallContext';
import { CamOffIcon, HandIcon, MicOffIcon, PinIcon } from '@/components/ui/icons';
import { LobbyList } from './LobbyList';

const ROLE_LABEL: Record<Role, string | null> = { host: 'Host', cohost: 'Co-host', guest: null };
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
  const controller = useCallController();
  const myRole = useCallStore((s) => s.local.role);
  if (!can(myRole, 'mute-others') || role === 'host') return null;
  const mayRemove = role !== 'cohost' || myRole === 'host';
  return (
    <div className="flex flex-wrap gap-1 pl-1 pt-1" role="group" aria-label={`Manage ${name}`}>
      {!micOff && (
        <button
          type="button"
          className={ACTION}
          onClick={() => void controller.muteParticipant(peerId)}
          aria-label={`Mute ${name}`}
        >
          Mute
        </button>
      )}
      {!camOff && (
        <button
          type="button"
          className={ACTION}
          onClick={() => void controller.stopParticipantCamera(peerId)}
          aria-label={`Stop ${name}'s camera`}
        >
          Stop camera
        </button>
      )}
      {can(myRole, 'promote') && (
        <button
          type="button"
          className={ACTION}
          onClick={() => void controller.setRole(peerId, role === 'cohost' ? 'guest' : 'cohost')}
          aria-label={role === 'cohost' ? `Remove co-host role from ${name}` : `Make ${name} a co-host`}
        >
          {role === 'cohost' ? 'Remove co-host' : 'Make co-host'}
        </button>
      )}
      {mayRemove && (
        <button
          type="button"
          className={`${ACTION} text-red-300`}
          onClick={() => {
            if (window.confirm(`Remove ${name} from the meeting? They will not be able to rejoin.`)) {
              void controller.removeParticipant(peerId);
            }
          }}
          aria-label={`Remove ${name}`}
        >
          Remove
        </button>
      )}
    </div>
  );
}

function Row({ id }: { id: string }) {
  const row = useCallStore(
    useShallow((s) => {
      if (id === SELF) {
        const l = s.local;
        return {
          name: `${l.displayName} (you)`,
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
  const roleLabel = ROLE_LABEL[row.role];
  return (
    <li
      className="rounded-lg px-2 py-1.5 hover:bg-neutral-800/60"
      data-testid="participant-row"
      data-peer-id={id}
    >
      <div className="flex items-center gap-2">
        {row.hand && (
          <span role="img" aria-label="hand raised" className="text-amber-300">
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
          aria-label={pinned ? `Unpin ${row.name}` : `Pin ${row.name}`}
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
        {locked ? 'Unlock meeting' : 'Lock meeting'}
      </button>
      {can(role, 'end') && (
        <button
          type="button"
          onClick={() => {
            if (window.confirm('End the meeting for everyone?')) void controller.endMeeting();
          }}
          className={`${ACTION} bg-red-700 ring-red-700 hover:bg-red-600`}
        >
          End meeting for all
        </button>
      )}
    </div>
  );
}

export function ParticipantsPanel() {
  const ids = useCallStore(useShallow(selectParticipantIds));
  return (
    <section aria-label="Participants" className="flex h-full flex-col">
      <PanelHeader title={`People (${ids.length + 1})`} closeLabel="Close participants" />
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
