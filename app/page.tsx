import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { JoinByCodeForm } from '@/components/home/JoinByCodeForm';
import { NewMeetingButton } from '@/components/home/NewMeetingButton';
import { LanguageSwitcher } from '@/components/ui/LanguageSwitcher';
import { loadConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

const linkStyle = 'text-sky-400 underline underline-offset-4 hover:text-sky-300';

// The page's two small client islands get their words as props: the landing page then ships no
// message formatting code at all.
export default async function HomePage() {
  // With OPEN_MEETINGS off only hosts start meetings (from their dashboard).
  const openMeetings = loadConfig().openMeetings;
  const t = await getTranslations('home');
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-10 px-6 py-16">
      <header className="space-y-3">
        <h1 className="text-4xl font-semibold tracking-tight">Idea Communicator</h1>
        <p className="text-neutral-400">{t('tagline')}</p>
      </header>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {openMeetings && <NewMeetingButton label={t('newMeeting')} />}
        <JoinByCodeForm
          text={{
            label: t('codeLabel'),
            placeholder: t('codePlaceholder'),
            join: t('join'),
            invalid: t('codeInvalid'),
          }}
        />
      </div>
      <p className="text-sm text-neutral-400">
        {t.rich('hosting', {
          signin: (chunks) => (
            <Link href="/signin" className={linkStyle}>
              {chunks}
            </Link>
          ),
          signup: (chunks) => (
            <Link href="/signup" className={linkStyle}>
              {chunks}
            </Link>
          ),
        })}
      </p>
      <LanguageSwitcher />
    </main>
  );
}
