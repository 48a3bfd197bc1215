import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignInForm } from '@/components/auth/SignInForm';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { safeNextPath } from '@/lib/auth/safeRedirect';

export const metadata: Metadata = { title: 'Sign in · Idea Communicator' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          No account yet?{' '}
          <Link
            href={`/signup?next=${encodeURIComponent(next)}`}
            className="text-sky-400 underline-offset-4 hover:underline"
          >
            Create one
          </Link>
        </>
      }
    >
      <SignInForm next={next} />
    </AuthCard>
  );
}
