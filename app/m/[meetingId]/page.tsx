import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Meeting } from '@/components/call/Meeting';
import { LanguageSwitcher } from '@/components/ui/LanguageSwitcher';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { IntlClientProvider } from '@/lib/i18n/IntlClientProvider';
import { callIdSchema } from '@/lib/protocol';

type Props = { params: Promise<{ meetingId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { meetingId } = await params;
  const parsed = callIdSchema.safeParse(meetingId);
  return { title: parsed.success ? `${parsed.data} · Idea Communicator` : 'Idea Communicator' };
}

export default async function MeetingPage({ params }: Props) {
  const { meetingId } = await params;
  const parsed = callIdSchema.safeParse(meetingId);
  if (!parsed.success) notFound();
  // A signed-in user starts with their account name (still editable on the pre-join screen).
  const user = await getCurrentUser();
  return (
    <IntlClientProvider
      namespaces={['prejoin', 'call', 'notices', 'devices', 'mediaErrors', 'copyLink', 'errors']}
    >
      <Meeting
        meetingId={parsed.data}
        accountName={user?.displayName ?? null}
        languageSwitcher={<LanguageSwitcher />}
      />
    </IntlClientProvider>
  );
}
