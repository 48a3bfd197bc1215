'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { PANEL_DEMAND, useConnectionStats } from '@/hooks/useConnectionStats';
import type { PathSummary, StreamStats } from '@/lib/media/rtcStats';
import { useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';
import { EffectStats } from './EffectStats';

const DASH = '—';

function fixed(v: number | null, digits: number, unit: string): string {
  return v === null ? DASH : `${v.toFixed(digits)} ${unit}`;
}

export function formatBitrate(kbps: number | null): string {
  if (kbps === null) return DASH;
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(2)} Mbps` : `${Math.round(kbps)} kbps`;
}

function resolution(r: StreamStats): string {
  return r.width !== null && r.height !== null ? `${r.width}×${r.height}` : DASH;
}

function candidates(local: string | null, remote: string | null): string {
  return local === null && remote === null ? DASH : `${local ?? '?'} ↔ ${remote ?? '?'}`;
}

type CallT = ReturnType<typeof useTranslations<'call'>>;

const SOURCE_KEY = {
  camera: 'sourceCamera',
  microphone: 'sourceMicrophone',
  screen: 'sourceScreen',
  audio: 'sourceAudio',
  video: 'sourceVideo',
} as const;

function streamName(r: StreamStats, names: Record<string, string>, t: CallT): string {
  const source = r.source ?? r.kind;
  const what = source in SOURCE_KEY ? t(SOURCE_KEY[source as keyof typeof SOURCE_KEY]) : r.kind;
  if (r.direction === 'send') return `${t('you')} · ${what}`;
  const who = r.peerId ? (names[r.peerId] ?? t('someoneWhoLeft')) : t('unknownSender');
  return `${who} · ${what}`;
}

/** Column ids (also the cells' data-column); their headings are translated. */
const COLUMNS = [
  'Bitrate',
  'Loss',
  'RTT',
  'Jitter',
  'Codec',
  'Resolution',
  'FPS',
  'Freezes',
  'Candidates',
] as const;

function Row({ r, names }: { r: StreamStats; names: Record<string, string> }) {
  const t = useTranslations('call');
  const cells = [
    formatBitrate(r.bitrateKbps),
    fixed(r.packetsLostPct, 1, '%'),
    r.rttMs === null ? DASH : `${Math.round(r.rttMs)} ms`,
    fixed(r.jitterMs, 1, 'ms'),
    r.codec ?? DASH,
    resolution(r),
    r.fps === null ? DASH : String(Math.round(r.fps)),
    r.freezes === null ? DASH : String(r.freezes),
    candidates(r.localCandidateType, r.remoteCandidateType),
  ];
  return (
    <tr
      data-testid="stats-row"
      data-direction={r.direction}
      data-kind={r.kind}
      className="border-t border-neutral-800"
    >
      <th scope="row" className="whitespace-nowrap py-1.5 pr-3 text-left font-medium text-neutral-100">
        <span aria-hidden="true" className={r.direction === 'send' ? 'text-sky-400' : 'text-emerald-400'}>
          {r.direction === 'send' ? '↑ ' : '↓ '}
        </span>
        {streamName(r, names, t)}
        <span className="ml-1 text-neutral-400">({r.kind})</span>
      </th>
      {cells.map((c, i) => (
        <td
          key={COLUMNS[i]}
          data-column={COLUMNS[i]}
          className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums text-neutral-300"
        >
          {c}
        </td>
      ))}
    </tr>
  );
}

function Section({
  title,
  rows,
  names,
  empty,
}: {
  title: string;
  rows: StreamStats[];
  names: Record<string, string>;
  empty: string;
}) {
  return (
    <tbody>
      <tr>
        <th
          colSpan={COLUMNS.length + 1}
          scope="colgroup"
          className="pb-1 pt-3 text-left text-xs font-semibold uppercase tracking-wide text-neutral-400"
        >
          {title}
        </th>
      </tr>
      {rows.length > 0 ? (
        rows.map((r) => <Row key={`${r.direction}:${r.id}`} r={r} names={names} />)
      ) : (
        <tr>
          <td colSpan={COLUMNS.length + 1} className="py-1.5 text-neutral-400">
            {empty}
          </td>
        </tr>
      )}
    </tbody>
  );
}

function pathText(p: PathSummary | null, t: CallT): string {
  if (!p) return t('pathNotConnected');
  const rtt = p.rttMs === null ? '' : `, ${t('pathRoundTrip', { ms: Math.round(p.rttMs) })}`;
  const over = p.protocol ? ` ${t('pathOver', { protocol: p.protocol.toUpperCase() })}` : '';
  return `${candidates(p.localCandidateType, p.remoteCandidateType)}${over}${rtt}`;
}

/** Statistics of every stream of the call, for people who want the numbers. Closes on Escape. */
export function StatsPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useTranslations('call');
  const controller = useCallController();
  const stats = useConnectionStats(controller.client, PANEL_DEMAND);
  const participants = useCallStore((s) => s.participants);
  const names = Object.fromEntries(Object.values(participants).map((p) => [p.peerId, p.displayName]));
  const closeButton = useRef<HTMLButtonElement>(null);
  const blurOn = useCallStore((s) => s.effects.backgroundBlur);
  const noiseOn = useCallStore((s) => s.effects.noiseSuppression);

  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      onClose();
    };
    // Captured, so the dialog (on top) takes Escape before the side panel under it would close.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  const send = stats.rows.filter((r) => r.direction === 'send');
  const recv = stats.rows.filter((r) => r.direction === 'recv');
  const loading = stats.at === 0;

  return (
    <section
      id={id}
      role="dialog"
      aria-modal="false"
      aria-label={t('stats')}
      className="fixed bottom-20 left-1/2 z-30 flex max-h-[70vh] w-[min(64rem,calc(100vw-1rem))] -translate-x-1/2 flex-col rounded-xl bg-neutral-900/95 text-sm text-neutral-100 shadow-2xl ring-1 ring-neutral-700 backdrop-blur"
    >
      <header className="flex items-center justify-between gap-3 border-b border-neutral-800 px-4 py-2">
        <h2 className="font-semibold">{t('stats')}</h2>
        <button
          ref={closeButton}
          type="button"
          onClick={onClose}
          className="rounded px-2 py-1 text-neutral-300 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
        >
          {t('close')}
        </button>
      </header>
      <div className="overflow-auto px-4 pb-3">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 pt-2 text-xs text-neutral-400">
          <dt>{t('sendingPath')}</dt>
          <dd data-testid="send-path">{pathText(stats.sendPath, t)}</dd>
          <dt>{t('receivingPath')}</dt>
          <dd data-testid="recv-path">{pathText(stats.recvPath, t)}</dd>
          {/* Read on each poll (this re-renders every 2 s with the connection figures). */}
          <EffectStats figures={controller.effectStats()} blurOn={blurOn} noiseOn={noiseOn} />
        </dl>
        {loading ? (
          <p className="py-4 text-neutral-400">{t('measuring')}</p>
        ) : (
          <table className="mt-1 w-full border-collapse text-xs sm:text-sm">
            <caption className="sr-only">
              {t('perStream', { columns: COLUMNS.map((c) => t(`column${c}`)).join(', ') })}
            </caption>
            <thead>
              <tr className="text-neutral-400">
                <th scope="col" className="py-1 pr-3 text-left font-medium">
                  {t('stream')}
                </th>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className="px-2 py-1 text-right font-medium">
                    {t(`column${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <Section title={t('sending')} rows={send} names={names} empty={t('notSending')} />
            <Section title={t('receiving')} rows={recv} names={names} empty={t('notReceiving')} />
          </table>
        )}
        <p className="pt-2 text-xs text-neutral-400">{t('statsFootnote')}</p>
      </div>
    </section>
  );
}
