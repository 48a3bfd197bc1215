import { useTranslations } from 'next-intl';
import type { AttendanceEntry } from '@/lib/db/attendance';
import { formatDuration } from '@/lib/meetings/dashboardForms';

/** Who joined a meeting, as which role, and for how long. */
export function AttendanceList({ entries }: { entries: AttendanceEntry[] }) {
  const t = useTranslations('dashboard');
  if (entries.length === 0) return <p className="pt-2 text-sm text-neutral-400">{t('nobodyJoined')}</p>;
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead className="text-xs text-neutral-400">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">
            {t('attendanceName')}
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            {t('attendanceRole')}
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            {t('attendanceTime')}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-neutral-800">
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="py-1.5 pr-3 break-all text-neutral-200">{entry.name}</td>
            <td className="py-1.5 pr-3 text-neutral-400">
              {entry.role === 'host' ? t('roleHost') : t('roleGuest')}
            </td>
            <td className="py-1.5 text-right whitespace-nowrap text-neutral-300 tabular-nums">
              {formatDuration(entry.durationMs)}
              {entry.leftAt === null && <span className="text-neutral-400"> {t('stillThere')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
