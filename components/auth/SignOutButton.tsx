import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/lib/auth/actions';

/** Signs out through a server action (works without JavaScript). */
export async function SignOutButton() {
  const t = await getTranslations('auth');
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="rounded-lg border border-neutral-700 px-4 py-2 font-medium text-neutral-200 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
      >
        {t('signOut')}
      </button>
    </form>
  );
}
