'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { DeviceKind, DeviceLists, DeviceOption } from '@/lib/media/deviceList';
import { useSinkIdSupported } from '@/hooks/useMediaDevices';

/** The chosen deviceId of each kind; null = the browser's default device. */
export type DeviceSelection = Record<DeviceKind, string | null>;

export interface DeviceSelectorProps {
  devices: DeviceLists;
  value: DeviceSelection;
  /** deviceId null = "use the default device". */
  onChange: (kind: DeviceKind, deviceId: string | null) => void;
  disabled?: boolean;
  /** Whether to offer the speaker picker; by default, when the browser can route audio (setSinkId). */
  showSpeaker?: boolean;
  className?: string;
}

const LABEL = {
  videoInput: 'camera',
  audioInput: 'microphone',
  audioOutput: 'speaker',
} as const satisfies Record<DeviceKind, string>;

const NONE = {
  videoInput: 'noCamera',
  audioInput: 'noMicrophone',
  audioOutput: 'defaultSpeaker',
} as const satisfies Record<DeviceKind, string>;

const DEFAULT = {
  videoInput: 'defaultCamera',
  audioInput: 'defaultMicrophone',
  audioOutput: 'defaultSpeaker',
} as const satisfies Record<DeviceKind, string>;

/** Value of the "default device" option (a select cannot hold null). */
const DEFAULT_VALUE = '';

/** Labelled pickers for camera, microphone and (where supported) speaker. */
export function DeviceSelector({
  devices,
  value,
  onChange,
  disabled = false,
  showSpeaker,
  className,
}: DeviceSelectorProps) {
  const sinkSupported = useSinkIdSupported();
  const kinds: DeviceKind[] = ['videoInput', 'audioInput'];
  if (showSpeaker ?? sinkSupported) kinds.push('audioOutput');
  return (
    <div className={className ?? 'flex flex-col gap-3'}>
      {kinds.map((kind) => (
        <DeviceSelect
          key={kind}
          kind={kind}
          options={devices[kind]}
          value={value[kind]}
          disabled={disabled}
          onChange={(id) => onChange(kind, id)}
        />
      ))}
    </div>
  );
}

function DeviceSelect({
  kind,
  options,
  value,
  disabled,
  onChange,
}: {
  kind: DeviceKind;
  options: DeviceOption[];
  value: string | null;
  disabled: boolean;
  onChange: (deviceId: string | null) => void;
}) {
  const t = useTranslations('devices');
  const id = useId();
  const known = value !== null && options.some((o) => o.deviceId === value);
  // Browsers list a "default" entry for audio devices; null then means that entry.
  const hasDefaultEntry = options.some((o) => o.deviceId === 'default');
  const selected = known ? value : hasDefaultEntry ? 'default' : DEFAULT_VALUE;
  const needsDefaultOption = selected === DEFAULT_VALUE && options.length > 0 && kind !== 'audioOutput';
  const empty = options.length === 0;

  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm text-neutral-400">
        {t(LABEL[kind])}
      </label>
      <select
        id={id}
        value={empty && kind !== 'audioOutput' ? DEFAULT_VALUE : selected}
        disabled={disabled || (empty && kind !== 'audioOutput')}
        onChange={(e) => onChange(e.target.value === DEFAULT_VALUE ? null : e.target.value)}
        className="w-full min-w-0 truncate rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-2 text-sm text-neutral-100 hover:border-neutral-600 focus-visible:border-sky-500 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {empty && <option value={DEFAULT_VALUE}>{t(NONE[kind])}</option>}
        {(needsDefaultOption || (kind === 'audioOutput' && !hasDefaultEntry && !empty)) && (
          <option value={DEFAULT_VALUE}>{t(DEFAULT[kind])}</option>
        )}
        {options.map((o) => (
          <option key={o.deviceId} value={o.deviceId}>
            {o.label || t('unnamedDevice', { kind, number: o.position })}
          </option>
        ))}
      </select>
    </div>
  );
}
