import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DiagnosticsPage } from '@/components/diagnostics/DiagnosticsPage';
import { IntlClientProvider } from '@/lib/i18n/IntlClientProvider';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('diagnostics');
  return { title: `${t('title')} · Idea Communicator` };
}

export default function Diagnostics() {
  return (
    <IntlClientProvider namespaces={['diagnostics', 'mediaErrors']}>
      <DiagnosticsPage />
    </IntlClientProvider>
  );
}
