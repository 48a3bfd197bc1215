'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { primaryButton, smallButton } from '@/components/ui/buttonStyles';
import { reportText } from '@/lib/diagnostics/report';
import { runDiagnostics } from '@/lib/diagnostics/runDiagnostics';
import { initialResults, type CheckResult, type DiagnosticsReport } from '@/lib/diagnostics/types';
import { CheckRow } from './CheckRow';
import { LoopbackVideo } from './LoopbackVideo';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The connection test page: runs every check on arrival (and again on request), lists what works,
 * shows the video as it comes back from the server, and ends with a verdict and a report to copy.
 */
export function DiagnosticsPage() {
  const t = useTranslations('diagnostics');
  const mediaError = useTranslations('mediaErrors');
  const words = useMemo(() => ({ t, mediaError }), [t, mediaError]);
  const [results, setResults] = useState<CheckResult[]>(() => initialResults(words));
  const [step, setStep] = useState(() => t('starting'));
  const [running, setRunning] = useState(true);
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [loopback, setLoopback] = useState<MediaStreamTrack | null>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  /** The run whose updates are shown; an older run (or one after unmount) is stopped. */
  const live = useRef<AbortController | null>(null);

  const launch = useCallback(
    (token: AbortController) => {
      live.current = token;
      void runDiagnostics({
        words,
        signal: token.signal,
        onUpdate: (r, s) => {
          if (token.signal.aborted) return;
          setResults(r);
          if (s) setStep(s);
        },
        onLoopback: (track) => {
          if (!token.signal.aborted) setLoopback(track);
        },
      })
        .then((done) => {
          if (!token.signal.aborted) setReport(done);
        })
        .catch((err: unknown) => {
          if (!token.signal.aborted)
            setStep(t('stopped', { message: err instanceof Error ? err.message : String(err) }));
        })
        .finally(() => {
          if (!token.signal.aborted) setRunning(false);
        });
    },
    [t, words],
  );

  useEffect(() => {
    const token = new AbortController();
    launch(token);
    return () => token.abort();
  }, [launch]);

  function runAgain() {
    live.current?.abort();
    setRunning(true);
    setReport(null);
    setCopy('idle');
    setStep(t('starting'));
    setResults(initialResults(words));
    launch(new AbortController());
  }

  async function copyReport() {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(reportText(report));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header className="space-y-2">
        <Link href="/" className="text-sm text-sky-400 underline underline-offset-4 hover:text-sky-300">
          ← Idea Communicator
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="text-sm text-neutral-400">{t('intro')}</p>
      </header>

      <p role="status" aria-live="polite" className="text-sm text-neutral-300">
        {running ? step : report ? t('finished') : step}
      </p>

      <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
        <section aria-labelledby="results-title" className="flex-1">
          <h2 id="results-title" className="sr-only">
            {t('results')}
          </h2>
          <ul aria-labelledby="results-title" className="flex flex-col gap-2">
            {results.map((r) => (
              <CheckRow key={r.id} result={r} />
            ))}
          </ul>
        </section>
        <LoopbackVideo track={loopback} className="sm:w-64" />
      </div>

      {report && (
        <section
          aria-labelledby="verdict-title"
          className="space-y-2 rounded-xl bg-neutral-900 p-4 ring-1 ring-neutral-800"
        >
          <h2 id="verdict-title" className="text-lg font-semibold">
            {t('verdict')}
          </h2>
          <p data-testid="verdict" className="text-neutral-200">
            {report.verdict}
          </p>
        </section>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={runAgain} disabled={running} className={primaryButton}>
          {t('runAgain')}
        </button>
        <button type="button" onClick={() => void copyReport()} disabled={!report} className={smallButton}>
          {copy === 'copied' ? t('reportCopied') : t('copyReport')}
        </button>
        <span role="status" className="sr-only">
          {copy === 'copied' ? t('reportCopiedAnnouncement') : ''}
        </span>
      </div>
      {copy === 'failed' && report && (
        <label className="flex flex-col gap-1.5 text-sm text-neutral-400">
          {t('copyByHand')}
          <textarea
            readOnly
            rows={12}
            value={reportText(report)}
            onFocus={(e) => e.currentTarget.select()}
            className="rounded-lg border border-neutral-700 bg-neutral-900 p-3 font-mono text-xs text-neutral-300"
          />
        </label>
      )}
    </main>
  );
}
