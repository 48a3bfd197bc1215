import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { AttendanceEntry } from '@/lib/db/attendance';
import type { Meeting } from '@/lib/db/meetings';
import type { Recording } from '@/lib/db/recordings';
import { AttendanceList } from './AttendanceList';
import { CopyLinkButton } from '@/components/ui/CopyLinkButton';
import { DeleteMeetingButton } from './DeleteMeetingButton';
import { LocalTime } from './LocalTime';
import { MeetingSettingsForm } from './MeetingSettingsForm';
import { RecordingList } from './RecordingList';
import { smallButton, summaryStyle } from '@/components/ui/buttonStyles';

type DashboardT = ReturnType<typeof useTranslations<'dashboard'>>;

export function meetingTitle(meeting: Meeting, t: DashboardT): string {
  return meeting.title || (meeting.scheduledAt === null ? t('instantMeeting') : t('untitledMeeting'));
}

function settingsSummary({ settings }: Meeting, t: DashboardT): string {
  const parts = [
    settings.waitingRoom ? t('summaryWaitingRoom') : t('summaryNoWaitingRoom'),
    settings.locked ? t('summaryLocked') : null,
    settings.allowRecording ? t('summaryRecording') : null,
    t('summaryUpTo', { max: settings.maxParticipants }),
  ];
  return parts.filter(Boolean).join(' · ');
}

/** One meeting of the host: when, its link, copy/delete, settings, and (past) who attended. */
export function MeetingCard({
  meeting,
  attendance,
  recordings = [],
}: {
  meeting: Meeting;
  /** Given for past meetings. */
  attendance?: AttendanceEntry[];
  recordings?: Recording[];
}) {
  const t = useTranslations('dashboard');
  const title = meetingTitle(meeting, t);
  const path = `/m/${meeting.id}`;
  const headingId = `meeting-${meeting.id}`;
  return (
    <li
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-xl border border-neutral-800 bg-neutral-900/60 p-4"
    >
      <div className="flex flex-col gap-1">
        <h3 id={headingId} className="font-medium break-words text-neutral-100">
          {title}
        </h3>
        <p className="text-sm text-neutral-400">
          {meeting.scheduledAt !== null ? t('scheduledFor') : t('started')}{' '}
          <LocalTime ms={meeting.scheduledAt ?? meeting.createdAt} />
          {meeting.endedAt !== null && (
            <>
              {` · ${t('ended')} `}
              <LocalTime ms={meeting.endedAt} />
            </>
          )}
        </p>
        <Link
          href={path}
          className="w-fit rounded font-mono text-sm text-sky-400 underline underline-offset-4 hover:text-sky-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
        >
          {path}
        </Link>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {attendance === undefined && (
          <Link href={path} className={`${smallButton} text-neutral-100`}>
            {t('join')}
          </Link>
        )}
        <CopyLinkButton meetingId={meeting.id} className="contents" />
        <DeleteMeetingButton meetingId={meeting.id} title={title} />
      </div>
      <details className="border-t border-neutral-800 pt-2">
        <summary className={summaryStyle}>
          {t('settings')}{' '}
          <span className="font-normal text-neutral-400">({settingsSummary(meeting, t)})</span>
        </summary>
        <MeetingSettingsForm meetingId={meeting.id} settings={meeting.settings} />
      </details>
      {recordings.length > 0 && (
        <details className="border-t border-neutral-800 pt-2" open>
          <summary className={summaryStyle}>
            {t('recordings')} <span className="font-normal text-neutral-400">({recordings.length})</span>
          </summary>
          <RecordingList recordings={recordings} />
        </details>
      )}
      {attendance && (
        <details className="border-t border-neutral-800 pt-2">
          <summary className={summaryStyle}>
            {t('attendance')} <span className="font-normal text-neutral-400">({attendance.length})</span>
          </summary>
          <AttendanceList entries={attendance} />
        </details>
      )}
    </li>
  );
}
