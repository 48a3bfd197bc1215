import Link from 'next/link';
import type { CallEnd } from '@/lib/client/callTypes';

const TITLE: Record<CallEnd['reason'], string> = {
  'meeting-ended': 'The meeting has ended',
  removed: 'You were removed from the meeting',
  denied: 'You were not let in',
  refused: 'You cannot join this meeting',
};

/** The call is over for good; says why, without a rejoin button. */
export function EndedScreen({ end }: { end: CallEnd }) {
  return (
    <main
      className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center"
      data-testid="ended-screen"
    >
      <h1 className="text-2xl font-semibold">{TITLE[end.reason]}</h1>
      <p role="alert" className="max-w-md text-neutral-300">
        {end.message}
      </p>
      <Link
        href="/"
        className="rounded-full px-5 py-2.5 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        Back to home
      </Link>
    </main>
  );
}
