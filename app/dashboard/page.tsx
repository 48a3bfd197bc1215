import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { MeetingList } from '@/components/dashboard/MeetingList';
import { NewMeetingForm } from '@/components/dashboard/NewMeetingForm';
import { ScheduleMeetingForm } from '@/components/dashboard/ScheduleMeetingForm';
import { LanguageSwitcher } from '@/components/ui/LanguageSwitcher';
import { IntlClientProvider } from '@/lib/i18n/IntlClientProvider';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { listAttendance } from '@/lib/db/attendance';
import { getDatabase } from '@/lib/db/globalDatabase';
import { listMeetingsForOwner } from '@/lib/db/meetings';
import { listRecordingsOf } from '@/lib/db/recordings';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dashboard');
  return { title: `${t('title')} · Idea Communicator` };
}

/** The host's dashboard: start or schedule meetings, manage them, see who attended. */
export default async function DashboardPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/signin?next=/dashboard');
  const t = await getTranslations('dashboard');
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
    <IntlClientProvider namespaces={['dashboard', 'copyLink']}>
      <main className="mx-auto flex min-h-dvh max-w-3xl flex-col gap-10 px-4 py-10 sm:px-6 sm:py-14">
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0 space-y-2">
            <Link href="/" className="text-sm text-neutral-400 hover:text-neutral-200">
              Idea Communicator
            </Link>
            <h1 className="text-3xl font-semibold tracking-tight">{t('title')}</h1>
            <p className="break-words text-neutral-300">
              {t.rich('signedInAs', {
                displayName: user.displayName,
                email: user.email,
                name: (chunks) => <span className="font-medium text-neutral-100">{chunks}</span>,
                muted: (chunks) => <span className="text-neutral-400">{chunks}</span>,
              })}
            </p>
          </div>
          <div className="flex flex-col items-end gap-3">
            <SignOutButton />
            <LanguageSwitcher />
          </div>
        </header>

        <div className="grid grid-cols-1 gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
          <section
            aria-labelledby="start-heading"
            className="flex min-w-0 flex-col gap-3 rounded-xl border border-neutral-800 p-5"
          >
            <h2 id="start-heading" className="text-lg font-semibold">
              {t('startNow')}
            </h2>
            <p className="text-sm text-neutral-400">{t('startNowHint')}</p>
            <NewMeetingForm />
          </section>
          <section
            aria-labelledby="schedule-heading"
            className="flex min-w-0 flex-col gap-3 rounded-xl border border-neutral-800 p-5"
          >
            <h2 id="schedule-heading" className="text-lg font-semibold">
              {t('scheduleHeading')}
            </h2>
            <ScheduleMeetingForm />
          </section>
        </div>

        <MeetingList
          id="upcoming"
          heading={t('upcoming')}
          meetings={upcoming}
          empty={t('noUpcoming')}
          recordings={recordings}
        />
        <MeetingList
          id="past"
          heading={t('past')}
          meetings={past}
          empty={t('noPast')}
          attendance={attendance}
          recordings={recordings}
        />
      </main>
    </IntlClientProvider>
  );
}
