/** What this participant sends and chose; the tracks themselves live in the track registry. */
import type { Role } from '@/lib/protocol';
import type { StoreAccess } from './sliceTypes';

export interface DeviceChoice {
  audioInput: string | null;
  videoInput: string | null;
  audioOutput: string | null;
}

export interface LocalState {
  displayName: string;
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
  /** Whether a microphone / camera track exists at all (false: joined without one). */
  hasMic: boolean;
  hasCamera: boolean;
  devices: DeviceChoice;
  participantId: string | null;
  role: Role;
  handRaised: boolean;
}

export interface LocalSlice {
  local: LocalState;
}

export const initialLocal: LocalState = {
  displayName: '',
  micOn: false,
  cameraOn: false,
  sharing: false,
  hasMic: false,
  hasCamera: false,
  devices: { audioInput: null, videoInput: null, audioOutput: null },
  participantId: null,
  role: 'guest',
  handRaised: false,
};

export function localActions({ set, get }: StoreAccess) {
  return {
    setLocal(patch: Partial<LocalState>): void {
      set({ local: { ...get().local, ...patch } });
    },
    setDevice(kind: keyof DeviceChoice, deviceId: string | null): void {
      const local = get().local;
      set({ local: { ...local, devices: { ...local.devices, [kind]: deviceId } } });
    },
  };
}
