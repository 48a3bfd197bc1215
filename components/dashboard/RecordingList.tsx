import { useTranslations } from 'next-intl';
import type { Recording } from '@/lib/db/recordings';
import { formatDuration } from '@/lib/meetings/dashboardForms';
import { LocalTime } from './LocalTime';

/** "12.3 MB": a file size as people read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

const STATE_KEY = {
  recording: 'recordingNow',
  finishing: 'recordingFinishing',
  failed: 'recordingFailed',
} as const satisfies Record<Exclude<Recording['state'], 'ready'>, string>;

/** A meeting's recordings: when, how long, how big, a player and a download link. */
export function RecordingList({ recordings }: { recordings: Recording[] }) {
  const t = useTranslations('dashboard');
  if (recordings.length === 0) return <p className="pt-2 text-sm text-neutral-400">{t('noRecordings')}</p>;
  return (
    <ul className="flex flex-col gap-4 pt-3" aria-label={t('recordings')}>
      {recordings.map((r) => {
        const src = `/api/recordings/${r.id}`;
        return (
          <li key={r.id} className="flex flex-col gap-2" data-testid="recording-item">
            <p className="text-sm text-neutral-300">
              <LocalTime ms={r.startedAt} />
              {r.state === 'ready' && r.durationMs !== null && r.sizeBytes !== null ? (
                <>
                  {' · '}
                  <span data-testid="recording-duration">{formatDuration(r.durationMs)}</span>
                  {' · '}
                  <span data-testid="recording-size">{formatSize(r.sizeBytes)}</span>
                </>
              ) : (
                <span className={r.state === 'failed' ? 'text-red-400' : 'text-neutral-400'}>
                  {' · '}
                  {r.state === 'ready' ? '' : t(STATE_KEY[r.state])}
                  {r.state === 'failed' && r.error ? ` (${r.error})` : ''}
                </span>
              )}
            </p>
            {r.state === 'ready' && (
              <>
                <video
                  controls
                  preload="metadata"
                  src={src}
                  className="aspect-video w-full rounded-lg bg-black"
                  aria-label={t('recordingOf', { date: new Date(r.startedAt).toISOString().slice(0, 10) })}
                />
                <a
                  href={`${src}?download=1`}
                  download
                  className="w-fit text-sm text-sky-400 underline underline-offset-4 hover:text-sky-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
                >
                  {t('download')}
                </a>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
