'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';

export interface EffectChoice {
  backgroundBlur: boolean;
  noiseSuppression: boolean;
}

export interface EffectTogglesProps {
  value: EffectChoice;
  onChange: (name: keyof EffectChoice, on: boolean) => void;
  /** Effects being switched on or off right now. */
  pending?: ReadonlyArray<keyof EffectChoice>;
  disabled?: boolean;
  /** Why an effect could not start (shown under the toggles). */
  errors?: Partial<Record<keyof EffectChoice, string | null>>;
  className?: string;
}

const LABEL = { backgroundBlur: 'blurBackground', noiseSuppression: 'noiseSuppression' } as const;
const HINT = { backgroundBlur: 'blurBackgroundHint', noiseSuppression: 'noiseSuppressionHint' } as const;

/** Switches for the camera and microphone effects: background blur and noise suppression. */
export function EffectToggles({
  value,
  onChange,
  pending = [],
  disabled = false,
  errors = {},
  className,
}: EffectTogglesProps) {
  const t = useTranslations('devices');
  const names: Array<keyof EffectChoice> = ['backgroundBlur', 'noiseSuppression'];
  return (
    <div className={className ?? 'flex flex-col gap-3'}>
      {names.map((name) => (
        <EffectSwitch
          key={name}
          label={t(LABEL[name])}
          hint={t(HINT[name])}
          checked={value[name]}
          busy={pending.includes(name)}
          disabled={disabled}
          error={errors[name] ?? null}
          onChange={(on) => onChange(name, on)}
        />
      ))}
    </div>
  );
}

function EffectSwitch({
  label,
  hint,
  checked,
  busy,
  disabled,
  error,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  busy: boolean;
  disabled: boolean;
  error: string | null;
  onChange: (on: boolean) => void;
}) {
  const t = useTranslations('devices');
  const hintId = useId();
  const errorId = useId();
  return (
    <div className="flex flex-col gap-1">
      <label className="flex cursor-pointer items-center justify-between gap-3 text-sm text-neutral-200">
        <span className="flex flex-col">
          <span>{label}</span>
          <span id={hintId} className="text-xs text-neutral-400">
            {busy ? (checked ? t('effectStarting') : t('effectStopping')) : hint}
          </span>
        </span>
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          aria-busy={busy}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          className="peer relative h-6 w-11 shrink-0 cursor-pointer appearance-none rounded-full bg-neutral-700 ring-1 ring-neutral-600 transition-colors before:absolute before:top-0.5 before:left-0.5 before:size-5 before:rounded-full before:bg-white before:transition-transform checked:bg-sky-600 checked:ring-sky-500 checked:before:translate-x-5 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
        />
      </label>
      {error && (
        <p id={errorId} role="alert" className="text-xs text-amber-300">
          {error}
        </p>
      )}
    </div>
  );
}
