import type { AttendanceEntry } from '@/lib/db/attendance';
import type { Meeting } from '@/lib/db/meetings';
import type { Recording } from '@/lib/db/recordings';
import { MeetingCard } from './MeetingCard';

/** A titled list of meetings (upcoming, or past with their attendance). */
export function MeetingList({
  id,
  heading,
  meetings,
  empty,
  attendance,
  recordings,
}: {
  id: string;
  heading: string;
  meetings: Meeting[];
  empty: string;
  /** Per meeting code, for past meetings. */
  attendance?: ReadonlyMap<string, AttendanceEntry[]>;
  /** Per meeting code. */
  recordings?: ReadonlyMap<string, Recording[]>;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h2 id={headingId} className="text-xl font-semibold tracking-tight">
        {heading} <span className="text-base font-normal text-neutral-400">({meetings.length})</span>
      </h2>
      {meetings.length === 0 ? (
        <p className="text-sm text-neutral-400">{empty}</p>
      ) : (
        <ul aria-labelledby={headingId} className="flex flex-col gap-3">
          {meetings.map((meeting) => (
            <MeetingCard
              key={meeting.id}
              meeting={meeting}
              attendance={attendance ? (attendance.get(meeting.id) ?? []) : undefined}
              recordings={recordings?.get(meeting.id) ?? []}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
