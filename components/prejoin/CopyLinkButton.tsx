'use client';

import { useEffect, useState } from 'react';
import { LinkIcon } from './icons';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `url` to the clipboard and says so for a moment; selects-to-copy where the clipboard is unavailable. */
export function CopyLinkButton({ url, className }: { url: string; className?: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('failed'); // no clipboard access (insecure page, denied): show the link to copy by hand
    }
  }

  return (
    <div className={className}>
      <button
        type="button"
        onClick={() => void copy()}
        className="inline-flex items-center gap-2 rounded-lg px-3 py-1.5 text-sm font-medium text-sky-400 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
      >
        <LinkIcon className="size-4" />
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Meeting link copied to the clipboard' : ''}
      </span>
      {state === 'failed' && (
        <input
          readOnly
          value={url}
          aria-label="Meeting link"
          onFocus={(e) => e.currentTarget.select()}
          autoFocus
          className="mt-2 w-full rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-1.5 font-mono text-xs text-neutral-300 focus-visible:outline-2 focus-visible:outline-sky-400"
        />
      )}
    </div>
  );
}
