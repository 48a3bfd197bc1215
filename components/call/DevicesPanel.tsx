'use client';

import { useTranslations } from 'next-intl';
import { PanelHeader } from './PanelHeader';
import { DeviceSelector } from '@/components/devices/DeviceSelector';
import { MicLevelMeter } from '@/components/devices/MicLevelMeter';
import type { DeviceKind } from '@/lib/media/deviceList';
import { saveDevicePrefs } from '@/lib/media/devicePrefs';
import { useMediaDevices } from '@/hooks/useMediaDevices';
import { LOCAL_MIC } from '@/lib/call/trackRegistry';
import { useTrack } from '@/hooks/useTrack';
import { useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';

/** In-call settings: switch camera, microphone and speaker without leaving the call. */
export function DevicesPanel() {
  const t = useTranslations('call');
  const controller = useCallController();
  const { devices } = useMediaDevices();
  const value = useCallStore((s) => s.local.devices);
  const mic = useTrack(LOCAL_MIC);
  const onChange = (kind: DeviceKind, deviceId: string | null) => {
    saveDevicePrefs({ [kind]: deviceId });
    void controller.switchDevice(kind, deviceId);
  };
  return (
    <section aria-label={t('settings')} className="flex h-full flex-col gap-4 p-3">
      <PanelHeader title={t('settings')} closeLabel={t('closeSettings')} />
      <DeviceSelector devices={devices} value={value} onChange={onChange} />
      <MicLevelMeter track={mic} />
    </section>
  );
}
