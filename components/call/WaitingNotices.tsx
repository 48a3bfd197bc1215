'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';

/** How many waiting people get their own notice; the rest are counted. */
const SHOWN = 3;

const BUTTON =
  'rounded-md px-3 py-1 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white';

/**
 * For whoever lets people in: one notice per person waiting, with Admit and Deny right there.
 * A notice stays while the person waits (unless put aside with "Later"); the participants panel
 * lists everyone waiting too.
 */
export function WaitingNotices() {
  const t = useTranslations('call');
  const controller = useCallController();
  const lobby = useCallStore((s) => s.lobby);
  // The participants panel lists everyone waiting with the same buttons: no need for both.
  const panelOpen = useCallStore((s) => s.panel === 'participants');
  const [later, setLater] = useState<ReadonlySet<string>>(new Set());
  const shown = lobby.filter((w) => !later.has(w.participantId));
  if (shown.length === 0 || panelOpen) return null;
  const putAside = (participantId: string) => setLater(new Set([...later, participantId]));
  return (
    <>
      {shown.slice(0, SHOWN).map((w) => (
        <div
          key={w.participantId}
          role="group"
          aria-label={t('waitingNoticeLabel', { name: w.displayName })}
          data-testid="waiting-notice"
          className="pointer-events-auto flex max-w-lg flex-wrap items-center gap-3 rounded-lg bg-neutral-800 px-4 py-2.5 text-sm shadow-lg ring-1 ring-amber-400/60"
        >
          <span className="flex-1">
            {t.rich('waitingNotice', {
              name: w.displayName,
              b: (chunks) => <span className="font-semibold">{chunks}</span>,
            })}
          </span>
          <button
            type="button"
            onClick={() => void controller.admit(w.participantId)}
            aria-label={t('admitNamed', { name: w.displayName })}
            className={`${BUTTON} bg-sky-400 text-neutral-950 hover:bg-sky-300`}
          >
            {t('admit')}
          </button>
          <button
            type="button"
            onClick={() => void controller.deny(w.participantId)}
            aria-label={t('denyNamed', { name: w.displayName })}
            className={`${BUTTON} ring-1 ring-neutral-500 hover:bg-neutral-700`}
          >
            {t('deny')}
          </button>
          <button
            type="button"
            onClick={() => putAside(w.participantId)}
            aria-label={t('decideLaterNamed', { name: w.displayName })}
            className={`${BUTTON} text-neutral-300 hover:bg-neutral-700`}
          >
            {t('later')}
          </button>
        </div>
      ))}
      {shown.length > SHOWN && (
        <p className="pointer-events-auto rounded-lg bg-neutral-800 px-4 py-2 text-sm shadow-lg">
          {t('moreWaiting', { count: shown.length - SHOWN })}
        </p>
      )}
    </>
  );
}
