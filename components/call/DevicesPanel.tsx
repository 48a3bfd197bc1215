'use client';

import { DeviceSelector } from '@/components/devices/DeviceSelector';
import { MicLevelMeter } from '@/components/devices/MicLevelMeter';
import type { DeviceKind } from '@/lib/media/deviceList';
import { saveDevicePrefs } from '@/lib/media/devicePrefs';
import { useMediaDevices } from '@/lib/media/useMediaDevices';
import { LOCAL_MIC, useTrack } from '@/lib/client/trackRegistry';
import { callActions, useCallStore } from '@/lib/store/callStore';
import { useCallController } from './CallContext';

/** In-call settings: switch camera, microphone and speaker without leaving the call. */
export function DevicesPanel() {
  const controller = useCallController();
  const { devices } = useMediaDevices();
  const value = useCallStore((s) => s.local.devices);
  const mic = useTrack(LOCAL_MIC);
  const onChange = (kind: DeviceKind, deviceId: string | null) => {
    saveDevicePrefs({ [kind]: deviceId });
    void controller.switchDevice(kind, deviceId);
  };
  return (
    <section aria-label="Settings" className="flex h-full flex-col gap-4 p-3">
      <header className="flex items-center justify-between">
        <h2 className="font-semibold">Settings</h2>
        <button
          type="button"
          onClick={() => callActions.closePanel()}
          aria-label="Close settings"
          className="rounded px-2 text-lg hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-sky-400"
        >
          ×
        </button>
      </header>
      <DeviceSelector devices={devices} value={value} onChange={onChange} />
      <MicLevelMeter track={mic} />
    </section>
  );
}
