import type { InputHTMLAttributes } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: string;
}

/** A labelled input with an optional hint (account and dashboard forms). */
export function Field({ id, label, hint, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-neutral-300">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={hintId}
        className="rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2.5 placeholder:text-neutral-500 focus:border-sky-500 focus:outline-none"
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-xs text-neutral-400">
          {hint}
        </p>
      )}
    </div>
  );
}
