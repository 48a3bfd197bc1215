import Link from 'next/link';
import type { ReactNode } from 'react';

/** The frame of the sign-in and sign-up pages. */
export function AuthCard({
  title,
  children,
  footer,
  languageSwitcher,
}: {
  title: string;
  children: ReactNode;
  footer: ReactNode;
  languageSwitcher?: ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-8 px-6 py-16">
      <header className="space-y-2">
        <Link href="/" className="text-sm text-neutral-400 hover:text-neutral-200">
          Idea Communicator
        </Link>
        <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      </header>
      {children}
      <p className="text-sm text-neutral-400">{footer}</p>
      {languageSwitcher}
    </main>
  );
}
