'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { REACTIONS } from '@/lib/protocol';
import { useCallController } from './CallContext';
import { SmileIcon } from '@/components/ui/icons';

/** A small emoji menu; the chosen reaction floats over the sender's tile for everyone. */
export function ReactionPicker() {
  const t = useTranslations('call');
  const controller = useCallController();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node))
        setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label={t('reactions')}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        className="flex h-12 min-w-12 items-center justify-center rounded-full bg-neutral-800 px-3 text-lg hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
      >
        <SmileIcon />
      </button>
      {open && (
        <div
          role="group"
          aria-label={t('sendReaction')}
          className="absolute bottom-14 left-1/2 z-30 flex -translate-x-1/2 gap-1 rounded-full bg-neutral-800 p-1.5 shadow-xl ring-1 ring-neutral-700"
        >
          {REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              aria-label={t('reactWith', { emoji })}
              onClick={() => {
                setOpen(false);
                void controller.react(emoji);
              }}
              className="rounded-full px-2 py-1 text-xl hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-sky-400"
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
