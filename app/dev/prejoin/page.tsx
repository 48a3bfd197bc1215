import type { Metadata } from 'next';
import { PreJoinHarness } from './PreJoinHarness';

export const metadata: Metadata = {
  title: 'Pre-join check · Idea Communicator',
  robots: { index: false, follow: false },
};

/** A development page that shows the pre-join screen alone and what it hands to the call. */
export default function PreJoinCheckPage() {
  return <PreJoinHarness />;
}
