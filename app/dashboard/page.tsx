import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { getCurrentUser } from '@/lib/auth/currentUser';

export const metadata: Metadata = { title: 'Dashboard · Idea Communicator' };

/** Placeholder for the host dashboard: who is signed in, and a way out. */
export default async function DashboardPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/signin?next=/dashboard');
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-6 px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Dashboard</h1>
      <p className="text-neutral-300">
        Signed in as <span className="font-medium text-neutral-100">{user.displayName}</span>{' '}
        <span className="text-neutral-400">({user.email})</span>
      </p>
      <SignOutButton />
    </main>
  );
}
