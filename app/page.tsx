import Link from 'next/link';
import { JoinByCodeForm } from '@/components/home/JoinByCodeForm';
import { NewMeetingButton } from '@/components/home/NewMeetingButton';
import { loadConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  // With OPEN_MEETINGS off only hosts start meetings (from their dashboard).
  const openMeetings = loadConfig().openMeetings;
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-10 px-6 py-16">
      <header className="space-y-3">
        <h1 className="text-4xl font-semibold tracking-tight">Idea Communicator</h1>
        <p className="text-neutral-400">Video meetings on your own server. No account needed.</p>
      </header>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {openMeetings && <NewMeetingButton />}
        <JoinByCodeForm />
      </div>
      <p className="text-sm text-neutral-400">
        Hosting meetings?{' '}
        <Link href="/signin" className="text-sky-400 underline-offset-4 hover:underline">
          Sign in
        </Link>{' '}
        or{' '}
        <Link href="/signup" className="text-sky-400 underline-offset-4 hover:underline">
          create an account
        </Link>
        .
      </p>
    </main>
  );
}
