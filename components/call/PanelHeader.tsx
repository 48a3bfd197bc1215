'use client';

import { callActions } from '@/lib/store/callStore';

/** Title row of a side panel with its close button. */
export function PanelHeader({ title, closeLabel }: { title: string; closeLabel: string }) {
  return (
    <header className="flex items-center justify-between px-3 py-2">
      <h2 className="font-semibold">{title}</h2>
      <button
        type="button"
        onClick={() => callActions.closePanel()}
        aria-label={closeLabel}
        className="rounded px-2 text-lg hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        ×
      </button>
    </header>
  );
}
