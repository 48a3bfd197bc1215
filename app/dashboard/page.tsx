import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { MeetingList } from '@/components/dashboard/MeetingList';
import { NewMeetingForm } from '@/components/dashboard/NewMeetingForm';
import { ScheduleMeetingForm } from '@/components/dashboard/ScheduleMeetingForm';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { listAttendance } from '@/lib/db/attendance';
import { getDatabase } from '@/lib/db/globalDatabase';
import { listMeetingsForOwner } from '@/lib/db/meetings';
import { listRecordingsOf } from '@/lib/db/recordings';

export const metadata: Metadata = { title: 'Dashboard · Idea Communicator' };

/** The host's dashboard: start or schedule meetings, manage them, see who attended. */
export default async function DashboardPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/signin?next=/dashboard');
  const { db } = await getDatabase();
  const { upcoming, past } = await listMeetingsForOwner(db, user.id);
  const recordings = await listRecordingsOf(
    db,
    [...upcoming, ...past].map((m) => m.id),
  );
  const attendance = new Map(
    await Promise.all(past.map(async (m) => [m.id, await listAttendance(db, m.id)] as const)),
  );

  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col gap-10 px-4 py-10 sm:px-6 sm:py-14">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <Link href="/" className="text-sm text-neutral-400 hover:text-neutral-200">
            Idea Communicator
          </Link>
          <h1 className="text-3xl font-semibold tracking-tight">Dashboard</h1>
          <p className="break-words text-neutral-300">
            Signed in as <span className="font-medium text-neutral-100">{user.displayName}</span>{' '}
            <span className="text-neutral-400">({user.email})</span>
          </p>
        </div>
        <SignOutButton />
      </header>

      <div className="grid grid-cols-1 gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <section
          aria-labelledby="start-heading"
          className="flex min-w-0 flex-col gap-3 rounded-xl border border-neutral-800 p-5"
        >
          <h2 id="start-heading" className="text-lg font-semibold">
            Start now
          </h2>
          <p className="text-sm text-neutral-400">
            A new meeting under a fresh code, with you as its host. Share the link once you are in.
          </p>
          <NewMeetingForm />
        </section>
        <section
          aria-labelledby="schedule-heading"
          className="flex min-w-0 flex-col gap-3 rounded-xl border border-neutral-800 p-5"
        >
          <h2 id="schedule-heading" className="text-lg font-semibold">
            Schedule a meeting
          </h2>
          <ScheduleMeetingForm />
        </section>
      </div>

      <MeetingList
        id="upcoming"
        heading="Upcoming"
        meetings={upcoming}
        empty="No upcoming meetings."
        recordings={recordings}
      />
      <MeetingList
        id="past"
        heading="Past"
        meetings={past}
        empty="No past meetings yet."
        attendance={attendance}
        recordings={recordings}
      />
    </main>
  );
}
