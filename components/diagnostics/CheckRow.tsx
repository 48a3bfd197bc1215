import { useTranslations } from 'next-intl';
import type { CheckResult, CheckState } from '@/lib/diagnostics/types';

const STATE_STYLE: Record<CheckState, string> = {
  waiting: 'bg-neutral-800 text-neutral-400',
  running: 'bg-sky-900/70 text-sky-200',
  works: 'bg-emerald-900/70 text-emerald-200',
  fails: 'bg-red-900/70 text-red-200',
  'not configured': 'bg-amber-900/60 text-amber-100',
};

const STATE_KEY = {
  waiting: 'stateWaiting',
  running: 'stateRunning',
  works: 'stateWorks',
  fails: 'stateFails',
  'not configured': 'stateNotConfigured',
} as const satisfies Record<CheckState, string>;

/** One line of the results: what was checked, its state, its figures and why. */
export function CheckRow({ result }: { result: CheckResult }) {
  const t = useTranslations('diagnostics');
  const labelId = `check-${result.id}-label`;
  return (
    <li
      aria-labelledby={labelId}
      data-testid={`check-${result.id}`}
      data-state={result.state}
      className="flex flex-col gap-1 rounded-xl bg-neutral-900 px-4 py-3 ring-1 ring-neutral-800"
    >
      <div className="flex items-center justify-between gap-3">
        <span id={labelId} className="font-medium">
          {result.label}
        </span>
        <span
          data-testid="check-state"
          className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATE_STYLE[result.state]}`}
        >
          {t(STATE_KEY[result.state])}
        </span>
      </div>
      {result.summary && <p className="text-sm text-neutral-300 tabular-nums">{result.summary}</p>}
      {result.detail && <p className="text-xs break-words text-neutral-400">{result.detail}</p>}
    </li>
  );
}
