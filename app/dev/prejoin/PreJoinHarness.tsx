'use client';

import { useEffect, useState } from 'react';
import { PreJoin, type JoinChoice } from '@/components/prejoin/PreJoin';
import { stopTracks } from '@/lib/media/localMedia';

declare global {
  interface Window {
    /** The last choice handed over, for end-to-end tests to inspect the tracks. */
    __prejoinChoice?: JoinChoice;
  }
}

/** Renders PreJoin; after Join, shows what it handed over instead of starting a call. */
export function PreJoinHarness() {
  const [choice, setChoice] = useState<JoinChoice | null>(null);

  useEffect(() => {
    if (!choice) return;
    window.__prejoinChoice = choice;
    return () => {
      stopTracks(choice.stream); // the harness owns the stream once PreJoin handed it over
      delete window.__prejoinChoice;
    };
  }, [choice]);

  if (!choice) return <PreJoin meetingId="dev-check" onJoin={setChoice} />;

  const summary = {
    displayName: choice.displayName,
    micOn: choice.micOn,
    cameraOn: choice.cameraOn,
    tracks: choice.stream.getTracks().map((t) => ({ kind: t.kind, enabled: t.enabled })),
    devices: choice.devices,
  };
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col gap-4 px-6 py-10">
      <h1 className="text-xl font-semibold">Join choice</h1>
      <pre
        data-testid="join-choice"
        className="overflow-x-auto rounded-xl bg-neutral-900 p-4 text-xs text-neutral-300 ring-1 ring-neutral-800"
      >
        {JSON.stringify(summary, null, 2)}
      </pre>
      <button
        type="button"
        onClick={() => setChoice(null)}
        className="self-start rounded-lg px-4 py-2 text-sm ring-1 ring-neutral-700 hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        Back
      </button>
    </main>
  );
}
