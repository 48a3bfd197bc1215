'use client';

import { useEffect, useState } from 'react';
import { LinkIcon } from '@/components/prejoin/icons';
import { smallButton } from './styles';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; url: string };

/** Copies the meeting's full link (this site's origin + /m/<code>); shows it where copying fails. */
export function CopyMeetingLinkButton({ meetingId }: { meetingId: string }) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });

  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = window.setTimeout(() => setState({ kind: 'idle' }), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    const url = `${window.location.origin}/m/${meetingId}`;
    try {
      await navigator.clipboard.writeText(url);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'failed', url }); // no clipboard access: show the link to copy by hand
    }
  }

  return (
    <>
      <button type="button" onClick={() => void copy()} className={`${smallButton} text-sky-400`}>
        <LinkIcon className="size-4" />
        {state.kind === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      <span role="status" className="sr-only">
        {state.kind === 'copied' ? 'Meeting link copied to the clipboard' : ''}
      </span>
      {state.kind === 'failed' && (
        <input
          readOnly
          value={state.url}
          aria-label="Meeting link"
          onFocus={(e) => e.currentTarget.select()}
          autoFocus
          className="w-full basis-full rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-1.5 font-mono text-xs text-neutral-300 focus:border-sky-500 focus:outline-none"
        />
      )}
    </>
  );
}
