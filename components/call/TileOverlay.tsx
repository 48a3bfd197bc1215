'use client';

import { useTranslations } from 'next-intl';
import { useShallow } from 'zustand/react/shallow';
import { SELF } from '@/lib/store/tiles';
import { useCallStore } from '@/lib/store/callStore';
import { HandIcon } from '@/components/ui/icons';
import { QualityIndicator } from './QualityIndicator';

/** Raised hand, floating reactions and (for others) connection quality over a person's camera tile. */
export function TileOverlay({ owner }: { owner: string }) {
  const t = useTranslations('call');
  const hand = useCallStore((s) =>
    owner === SELF ? s.local.handRaised : (s.participants[owner]?.handRaised ?? false),
  );
  const reactions = useCallStore(
    useShallow((s) => s.reactions.filter((r) => r.peerId === owner).map((r) => `${r.id}|${r.emoji}`)),
  );
  return (
    <>
      {owner !== SELF && owner !== '' && <QualityIndicator peerId={owner} />}
      {hand && (
        <span
          role="img"
          aria-label={t('handRaised')}
          data-testid="hand-raised"
          className="absolute left-2 top-2 rounded-full bg-amber-400 p-1.5 text-neutral-950 shadow"
        >
          <HandIcon className="h-4 w-4" />
        </span>
      )}
      <div
        aria-live="polite"
        className="pointer-events-none absolute bottom-10 right-3 flex flex-col items-end gap-1"
      >
        {reactions.map((key) => {
          const [id, emoji] = key.split('|');
          return (
            <span key={id} data-testid="reaction" className="animate-bounce text-3xl drop-shadow">
              {emoji}
            </span>
          );
        })}
      </div>
    </>
  );
}
