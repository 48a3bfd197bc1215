'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useCallback, useRef, useState } from 'react';

// The panel (and the stats code behind it) loads on first open, not with the call screen.
const StatsPanel = dynamic(() => import('./StatsPanel').then((m) => m.StatsPanel), { ssr: false });

export const STATS_PANEL_ID = 'connection-statistics';

function ChartIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="h-5 w-5" fill="none" stroke="currentColor">
      <path strokeWidth="2" strokeLinecap="round" d="M4 20h16M7 16v-4M12 16V8M17 16V5" />
    </svg>
  );
}

/** Call-controls button that opens the connection statistics; focus comes back here on close. */
export function StatsButton({ className }: { className: string }) {
  const t = useTranslations('call');
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label={t('stats')}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? STATS_PANEL_ID : undefined}
        title={t('stats')}
        onClick={() => setOpen((o) => !o)}
        className={`${className} ${open ? 'bg-sky-700 hover:bg-sky-800' : 'bg-neutral-800 hover:bg-neutral-700'}`}
      >
        <ChartIcon />
      </button>
      {open && <StatsPanel id={STATS_PANEL_ID} onClose={close} />}
    </>
  );
}
