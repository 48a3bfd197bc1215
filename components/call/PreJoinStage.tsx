'use client';

import { useState } from 'react';
import type { CallStart } from '@/lib/client/CallController';
import { acquireLocalMedia } from './localMedia';

/** Interim pre-join: name + join with default devices. */
export function PreJoinStage({
  meetingId,
  defaultName,
  onJoin,
  joining,
  error,
}: {
  meetingId: string;
  defaultName: string;
  onJoin: (choice: Omit<CallStart, 'meetingId'>) => void;
  joining: boolean;
  error: string | null;
}) {
  const [name, setName] = useState(defaultName);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const { stream, problem: p } = await acquireLocalMedia();
    setProblem(p);
    onJoin({
      displayName: name.trim(),
      stream: stream ?? new MediaStream(),
      micOn: true,
      cameraOn: true,
      devices: { audioInput: null, videoInput: null, audioOutput: null },
    });
  };
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6">
      <h1 className="text-xl">{meetingId}</h1>
      <label className="flex flex-col gap-1">
        Your name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="rounded bg-neutral-800 px-2 py-1"
        />
      </label>
      <button type="button" disabled={joining || !name.trim()} onClick={() => void submit()}>
        Join now
      </button>
      {(error ?? problem) && <p role="alert">{error ?? problem}</p>}
    </main>
  );
}
