'use client';

import { useRouter } from 'next/navigation';
import { generateMeetingCode } from '@/lib/meetings/meetingCode';

/** Starts a meeting under a fresh random code (generated in the browser) and opens it. */
export function NewMeetingButton({ label }: { label: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={() => router.push(`/m/${generateMeetingCode()}`)}
      className="rounded-lg bg-sky-700 px-5 py-2.5 font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
    >
      {label}
    </button>
  );
}
