import { signOutAction } from '@/lib/auth/actions';

/** Signs out through a server action (works without JavaScript). */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="rounded-lg border border-neutral-700 px-4 py-2 font-medium text-neutral-200 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
      >
        Sign out
      </button>
    </form>
  );
}
