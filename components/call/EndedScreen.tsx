'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { CallEnd } from '@/lib/client/callTypes';
import { useErrorText } from '@/hooks/useErrorText';

const TITLE_KEY = {
  'meeting-ended': 'endedMeetingEnded',
  removed: 'endedRemoved',
  denied: 'endedDenied',
  refused: 'endedRefused',
} as const satisfies Record<CallEnd['reason'], string>;

/** The error code whose message explains each ending (DENIED: turned away at the waiting room). */
const REASON_CODE: Record<CallEnd['reason'], string | null> = {
  'meeting-ended': 'MEETING_ENDED',
  removed: 'REMOVED',
  denied: 'DENIED',
  refused: null,
};

/** The call is over for good; says why, without a rejoin button. */
export function EndedScreen({ end }: { end: CallEnd }) {
  const t = useTranslations('call');
  const errorText = useErrorText();
  const code = end.code ?? REASON_CODE[end.reason];
  return (
    <main
      className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center"
      data-testid="ended-screen"
    >
      <h1 className="text-2xl font-semibold">{t(TITLE_KEY[end.reason])}</h1>
      <p role="alert" className="max-w-md text-neutral-300">
        {code ? errorText(code, end.message) : end.message}
      </p>
      <Link
        href="/"
        className="rounded-full px-5 py-2.5 ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        {t('backHome')}
      </Link>
    </main>
  );
}
