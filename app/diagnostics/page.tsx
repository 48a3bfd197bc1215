import type { Metadata } from 'next';
import { DiagnosticsPage } from '@/components/diagnostics/DiagnosticsPage';

export const metadata: Metadata = { title: 'Connection test · Idea Communicator' };

export default function Diagnostics() {
  return <DiagnosticsPage />;
}
