/**
 * Follows plugged/unplugged devices during a call: tells about new ones, and when a chosen device
 * vanishes, asks `lost` to fall back to the default one (the speaker falls back here). Returns the
 * function that stops watching. Browser-only.
 */
import { callActions, notice, useCallStore } from '@/lib/store/callStore';

export function watchDevices(lost: (kind: 'audio' | 'video') => Promise<void>): () => void {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md?.enumerateDevices) return () => undefined;
  let known = new Set<string>();
  const snapshot = async () => new Set((await md.enumerateDevices()).map((d) => `${d.kind}:${d.deviceId}`));
  void snapshot().then((s) => (known = s));
  const onChange = async () => {
    const now = await snapshot();
    const devices = await md.enumerateDevices();
    for (const d of devices) {
      const key = `${d.kind}:${d.deviceId}`;
      if (!known.has(key) && d.deviceId !== 'default' && d.kind !== 'audiooutput' && d.label) {
        callActions.notify('info', notice('newDevice', { label: d.label }));
      }
    }
    known = now;
    const { devices: chosen } = useCallStore.getState().local;
    if (chosen.audioInput && !now.has(`audioinput:${chosen.audioInput}`)) await lost('audio');
    if (chosen.videoInput && !now.has(`videoinput:${chosen.videoInput}`)) await lost('video');
    if (chosen.audioOutput && !now.has(`audiooutput:${chosen.audioOutput}`)) {
      callActions.setDevice('audioOutput', null);
      callActions.notify('info', notice('speakerLost'));
    }
  };
  const listener = () => void onChange();
  md.addEventListener('devicechange', listener);
  return () => md.removeEventListener('devicechange', listener);
}
