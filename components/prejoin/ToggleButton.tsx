import type { ReactNode } from 'react';

/** A round on/off button over the pre-join preview (microphone, camera); red while off. */
export function ToggleButton({
  label,
  title,
  on,
  disabled,
  onClick,
  children,
}: {
  label: string;
  /** What pressing it does ("Turn microphone off"). */
  title: string;
  on: boolean;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={on}
      title={title}
      disabled={disabled}
      onClick={onClick}
      className={`flex size-12 items-center justify-center rounded-full text-white ring-1 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:opacity-50 ${
        on
          ? 'bg-neutral-800/80 ring-neutral-600 hover:bg-neutral-700'
          : 'bg-red-700 ring-red-500 hover:bg-red-600'
      }`}
    >
      {children}
    </button>
  );
}
