import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-4 px-6">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="text-neutral-400">{t('body')}</p>
      <Link href="/" className="text-sky-400 underline underline-offset-4 hover:text-sky-300">
        {t('back')}
      </Link>
    </main>
  );
}
