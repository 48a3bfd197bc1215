'use client';

import { useTranslations } from 'next-intl';
import { useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';

const SMALL_BUTTON =
  'rounded-md px-2 py-1 text-xs font-semibold focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400';

/** The waiting room, for hosts and co-hosts: admit, deny, or admit everyone. */
export function LobbyList() {
  const t = useTranslations('call');
  const controller = useCallController();
  const lobby = useCallStore((s) => s.lobby);
  if (lobby.length === 0) return null;
  return (
    <section aria-label={t('waitingRoom')} className="border-b border-neutral-800 px-3 pb-3">
      <div className="flex items-center justify-between py-1">
        <h3 className="text-sm font-semibold text-amber-300">
          {t('waitingToJoin', { count: lobby.length })}
        </h3>
        {lobby.length > 1 && (
          <button
            type="button"
            onClick={() => void controller.admitAll()}
            className={`${SMALL_BUTTON} bg-sky-700 hover:bg-sky-800`}
          >
            {t('admitAll')}
          </button>
        )}
      </div>
      <ul className="space-y-1">
        {lobby.map((w) => (
          <li key={w.participantId} className="flex items-center gap-2" data-testid="lobby-entry">
            <span className="flex-1 truncate text-sm">{w.displayName}</span>
            <button
              type="button"
              onClick={() => void controller.admit(w.participantId)}
              aria-label={t('admitNamed', { name: w.displayName })}
              className={`${SMALL_BUTTON} bg-sky-700 hover:bg-sky-800`}
            >
              {t('admit')}
            </button>
            <button
              type="button"
              onClick={() => void controller.deny(w.participantId)}
              aria-label={t('denyNamed', { name: w.displayName })}
              className={`${SMALL_BUTTON} ring-1 ring-neutral-600 hover:bg-neutral-800`}
            >
              {t('deny')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
