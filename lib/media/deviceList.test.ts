import { describe, expect, it } from 'vitest';
import { EMPTY_DEVICE_LISTS, groupDevices, sameDeviceLists, type DeviceInfoLike } from './deviceList';

const info = (kind: MediaDeviceKind, deviceId: string, label = ''): DeviceInfoLike => ({
  kind,
  deviceId,
  label,
});

describe('groupDevices', () => {
  it('groups by kind in the browser order', () => {
    const lists = groupDevices([
      info('audioinput', 'default', 'Default - Headset'),
      info('videoinput', 'cam-1', 'Front camera'),
      info('audioinput', 'mic-2', 'Built-in'),
      info('audiooutput', 'spk-1', 'Speakers'),
    ]);
    expect(lists).toEqual({
      audioInput: [
        { deviceId: 'default', label: 'Default - Headset', position: 1 },
        { deviceId: 'mic-2', label: 'Built-in', position: 2 },
      ],
      videoInput: [{ deviceId: 'cam-1', label: 'Front camera', position: 1 }],
      audioOutput: [{ deviceId: 'spk-1', label: 'Speakers', position: 1 }],
    });
  });

  it('numbers unlabelled devices and drops placeholders without ids and duplicates', () => {
    const lists = groupDevices([
      info('videoinput', ''),
      info('videoinput', 'a'),
      info('videoinput', 'b'),
      info('videoinput', 'a'),
      info('audioinput', ''),
    ]);
    expect(lists.videoInput).toEqual([
      { deviceId: 'a', label: '', position: 1 },
      { deviceId: 'b', label: '', position: 2 },
    ]);
    expect(lists.audioInput).toEqual([]);
  });
});

describe('sameDeviceLists', () => {
  it('compares ids and labels', () => {
    const a = groupDevices([info('videoinput', 'a', 'A')]);
    expect(sameDeviceLists(a, groupDevices([info('videoinput', 'a', 'A')]))).toBe(true);
    expect(sameDeviceLists(a, groupDevices([info('videoinput', 'a', 'B')]))).toBe(false);
    expect(sameDeviceLists(a, EMPTY_DEVICE_LISTS)).toBe(false);
  });
});
