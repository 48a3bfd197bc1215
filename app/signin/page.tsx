import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignInForm } from '@/components/auth/SignInForm';
import { LanguageSwitcher } from '@/components/ui/LanguageSwitcher';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { safeNextPath } from '@/lib/auth/safeRedirect';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: `${t('signInTitle')} · Idea Communicator` };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  const t = await getTranslations('auth');
  return (
    <AuthCard
      title={t('signInTitle')}
      footer={t.rich('noAccount', {
        link: (chunks) => (
          <Link
            href={`/signup?next=${encodeURIComponent(next)}`}
            className="text-sky-400 underline underline-offset-4 hover:text-sky-300"
          >
            {chunks}
          </Link>
        ),
      })}
      languageSwitcher={<LanguageSwitcher />}
    >
      <SignInForm
        next={next}
        text={{ email: t('email'), password: t('password'), submit: t('signIn'), pending: t('signingIn') }}
      />
    </AuthCard>
  );
}
