'use client';

import { useTranslations } from 'next-intl';
import { useShallow } from 'zustand/react/shallow';
import { PanelHeader } from './PanelHeader';
import { DeviceSelector } from '@/components/devices/DeviceSelector';
import { EffectToggles, type EffectChoice } from '@/components/devices/EffectToggles';
import { MicLevelMeter } from '@/components/devices/MicLevelMeter';
import type { DeviceKind } from '@/lib/media/deviceList';
import { saveDevicePrefs } from '@/lib/media/devicePrefs';
import { useMediaDevices } from '@/hooks/useMediaDevices';
import { LOCAL_MIC } from '@/lib/call/trackRegistry';
import { useTrack } from '@/hooks/useTrack';
import { useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';
import { pipSettingsActions, usePipSettings } from '@/lib/store/pipSettings';

/** In-call settings: switch camera, microphone, speaker and effects without leaving the call. */
export function DevicesPanel() {
  const t = useTranslations('call');
  const controller = useCallController();
  const { devices } = useMediaDevices();
  const value = useCallStore((s) => s.local.devices);
  const effects = useCallStore(
    useShallow((s) => ({
      backgroundBlur: s.effects.backgroundBlur,
      noiseSuppression: s.effects.noiseSuppression,
    })),
  );
  const pending = useCallStore((s) => s.effects.pending);
  const mic = useTrack(LOCAL_MIC);
  const autoPip = usePipSettings((s) => s.auto);
  const onChange = (kind: DeviceKind, deviceId: string | null) => {
    saveDevicePrefs({ [kind]: deviceId });
    void controller.switchDevice(kind, deviceId);
  };
  const onEffectChange = (name: keyof EffectChoice, on: boolean) => {
    saveDevicePrefs({ [name]: on });
    void controller.setEffect(name, on);
  };
  return (
    <section aria-label={t('settings')} className="flex h-full flex-col gap-4 p-3">
      <PanelHeader title={t('settings')} closeLabel={t('closeSettings')} />
      <DeviceSelector devices={devices} value={value} onChange={onChange} />
      <MicLevelMeter track={mic} />
      <EffectToggles value={effects} onChange={onEffectChange} pending={pending} />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={autoPip}
          onChange={(e) => pipSettingsActions.setAuto(e.target.checked)}
          className="size-4 accent-sky-400"
        />
        {t('autoPip')}
      </label>
    </section>
  );
}
