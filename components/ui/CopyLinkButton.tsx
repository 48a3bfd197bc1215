'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { smallButton } from './buttonStyles';
import { LinkIcon } from './icons';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; url: string };

/** The full link of a meeting on this site. */
export function meetingLink(meetingId: string): string {
  return `${window.location.origin}/m/${encodeURIComponent(meetingId)}`;
}

/**
 * Copies the meeting's full link to the clipboard and says so for a moment; where the clipboard
 * is unavailable (insecure page, denied), shows the link selected so it can be copied by hand.
 */
export function CopyLinkButton({ meetingId, className }: { meetingId: string; className?: string }) {
  const t = useTranslations('copyLink');
  const [state, setState] = useState<CopyState>({ kind: 'idle' });

  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = window.setTimeout(() => setState({ kind: 'idle' }), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    const url = meetingLink(meetingId);
    try {
      await navigator.clipboard.writeText(url);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'failed', url });
    }
  }

  return (
    <div className={className}>
      <button type="button" onClick={() => void copy()} className={`${smallButton} text-sky-400`}>
        <LinkIcon className="size-4" />
        {state.kind === 'copied' ? t('copied') : t('copy')}
      </button>
      <span role="status" className="sr-only">
        {state.kind === 'copied' ? t('copiedAnnouncement') : ''}
      </span>
      {state.kind === 'failed' && (
        <input
          readOnly
          value={state.url}
          aria-label={t('link')}
          onFocus={(e) => e.currentTarget.select()}
          autoFocus
          className="mt-2 w-full basis-full rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-1.5 font-mono text-xs text-neutral-300 focus-visible:outline-2 focus-visible:outline-sky-400"
        />
      )}
    </div>
  );
}
