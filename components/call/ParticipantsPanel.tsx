'use client';

import { useShallow } from 'zustand/react/shallow';
import { SELF, findMedia, tileId } from '@/lib/client/tiles';
import { callActions, selectParticipantIds, useCallStore } from '@/lib/store/callStore';
import { CamOffIcon, MicOffIcon, PinIcon } from './icons';

function Row({ id }: { id: string }) {
  const row = useCallStore(
    useShallow((s) => {
      if (id === SELF) {
        return { name: `${s.local.displayName} (you)`, micOff: !s.local.micOn, camOff: !s.local.cameraOn };
      }
      const p = s.participants[id];
      const mic = findMedia(p, 'microphone');
      const cam = findMedia(p, 'camera');
      return { name: p?.displayName ?? '', micOff: !mic || mic.paused, camOff: !cam || cam.paused };
    }),
  );
  const pinned = useCallStore((s) => s.pinnedId === tileId('camera', id));
  return (
    <li
      className="flex items-center gap-2 rounded-lg px-2 py-1.5 hover:bg-neutral-800/60"
      data-testid="participant-row"
    >
      <span className="flex-1 truncate">{row.name}</span>
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
    </li>
  );
}

export function ParticipantsPanel() {
  const ids = useCallStore(useShallow(selectParticipantIds));
  return (
    <section aria-label="Participants" className="flex h-full flex-col">
      <header className="flex items-center justify-between px-3 py-2">
        <h2 className="font-semibold">People ({ids.length + 1})</h2>
        <button
          type="button"
          onClick={() => callActions.closePanel()}
          aria-label="Close participants"
          className="rounded px-2 text-lg hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
        >
          ×
        </button>
      </header>
      <ul className="flex-1 overflow-y-auto px-1">
        <Row id={SELF} />
        {ids.map((id) => (
          <Row key={id} id={id} />
        ))}
      </ul>
    </section>
  );
}
