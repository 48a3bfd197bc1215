import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignUpForm } from '@/components/auth/SignUpForm';
import { LanguageSwitcher } from '@/components/ui/LanguageSwitcher';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/credentials';
import { safeNextPath } from '@/lib/auth/safeRedirect';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: `${t('signUpTitle')} · Idea Communicator` };
}

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  const t = await getTranslations('auth');
  return (
    <AuthCard
      title={t('signUpTitle')}
      footer={t.rich('haveAccount', {
        link: (chunks) => (
          <Link
            href={`/signin?next=${encodeURIComponent(next)}`}
            className="text-sky-400 underline underline-offset-4 hover:text-sky-300"
          >
            {chunks}
          </Link>
        ),
      })}
      languageSwitcher={<LanguageSwitcher />}
    >
      <SignUpForm
        next={next}
        passwordMinLength={PASSWORD_MIN_LENGTH}
        text={{
          name: t('yourName'),
          email: t('email'),
          password: t('password'),
          passwordHint: t('passwordHint', { min: PASSWORD_MIN_LENGTH }),
          submit: t('createAccount'),
          pending: t('creatingAccount'),
        }}
      />
    </AuthCard>
  );
}
