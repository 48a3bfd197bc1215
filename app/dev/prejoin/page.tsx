import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadConfig } from '@/lib/config';
import { IntlClientProvider } from '@/lib/i18n/IntlClientProvider';
import { PreJoinHarness } from './PreJoinHarness';

export const metadata: Metadata = {
  title: 'Pre-join check · Idea Communicator',
  robots: { index: false, follow: false },
};

export const dynamic = 'force-dynamic';

/**
 * A check page that shows the pre-join screen alone and what it hands to the call, for the
 * browser tests. Served only with ENABLE_DEV_PAGES=1.
 */
export default function PreJoinCheckPage() {
  if (!loadConfig().devPages) notFound();
  return (
    <IntlClientProvider namespaces={['prejoin', 'call', 'devices', 'mediaErrors', 'copyLink']}>
      <PreJoinHarness />
    </IntlClientProvider>
  );
}
