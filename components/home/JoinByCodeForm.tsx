'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { parseMeetingInput } from '@/lib/client/meetingId';

export interface JoinByCodeText {
  label: string;
  placeholder: string;
  join: string;
  invalid: string;
}

/** Joins an existing meeting from its code or its full link. */
export function JoinByCodeForm({ text }: { text: JoinByCodeText }) {
  const router = useRouter();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const meetingId = parseMeetingInput(code);
    if (!meetingId) {
      setError(text.invalid);
      return;
    }
    router.push(`/m/${meetingId}`);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-1 flex-col gap-2" noValidate>
      <div className="flex gap-2">
        <label htmlFor="meeting-code" className="sr-only">
          {text.label}
        </label>
        <input
          id="meeting-code"
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
          placeholder={text.placeholder}
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={error ? 'meeting-code-error' : undefined}
          className="min-w-0 flex-1 rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2.5 placeholder:text-neutral-500 focus:border-sky-500 focus:outline-none"
        />
        <button
          type="submit"
          disabled={code.trim() === ''}
          className="rounded-lg px-4 py-2.5 font-medium text-sky-400 hover:bg-neutral-800 disabled:text-neutral-600 disabled:hover:bg-transparent"
        >
          {text.join}
        </button>
      </div>
      {error && (
        <p id="meeting-code-error" role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
