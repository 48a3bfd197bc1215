/** Grouping the browser's device list into what a device picker shows. */

export type DeviceKind = 'audioInput' | 'videoInput' | 'audioOutput';

export interface DeviceOption {
  deviceId: string;
  /** The browser's label; '' while the browser hides labels (before permission). */
  label: string;
  /** Its place among the devices of its kind, from 1 (names an unlabelled one: "Camera 2"). */
  position: number;
}

export type DeviceLists = Record<DeviceKind, DeviceOption[]>;

export const EMPTY_DEVICE_LISTS: DeviceLists = Object.freeze({
  audioInput: [],
  videoInput: [],
  audioOutput: [],
});

const KIND_OF: Record<string, DeviceKind | undefined> = {
  audioinput: 'audioInput',
  videoinput: 'videoInput',
  audiooutput: 'audioOutput',
};

/** Same shape as MediaDeviceInfo, without the methods. */
export type DeviceInfoLike = Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>;

/**
 * Groups devices by kind, in the browser's order. Entries without a deviceId (what browsers report
 * before any permission is given) and duplicates are dropped.
 */
export function groupDevices(infos: readonly DeviceInfoLike[]): DeviceLists {
  const lists: DeviceLists = { audioInput: [], videoInput: [], audioOutput: [] };
  for (const info of infos) {
    const kind = KIND_OF[info.kind];
    if (!kind || !info.deviceId) continue;
    const list = lists[kind];
    if (list.some((d) => d.deviceId === info.deviceId)) continue;
    list.push({ deviceId: info.deviceId, label: info.label, position: list.length + 1 });
  }
  return lists;
}

export function sameDeviceLists(a: DeviceLists, b: DeviceLists): boolean {
  return (Object.keys(a) as DeviceKind[]).every(
    (kind) =>
      a[kind].length === b[kind].length &&
      a[kind].every((d, i) => d.deviceId === b[kind][i]?.deviceId && d.label === b[kind][i]?.label),
  );
}
