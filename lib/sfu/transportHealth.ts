/**
 * Notices dead media transports. ICE 'disconnected' (no consent from the browser for
 * `iceConsentTimeout` seconds: a network change, a NAT rebinding, a laptop lid) may recover by
 * itself or through an ICE restart, so the transport gets a grace period before it is closed
 * (the client then recreates it); 'connected'/'completed' within the grace cancels it.
 *
 * DTLS 'failed' still closes at once: a failed DTLS handshake cannot recover on the same
 * transport (an ICE restart renews ICE only), so only a new transport helps. DTLS 'closed' is the
 * browser closing its side.
 */
import type { types } from 'mediasoup';
import type { Logger } from '@/lib/log';

export function watchTransportHealth(
  transport: types.WebRtcTransport,
  opts: { graceMs: number; log: Logger },
): void {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const closeNow = (why: string, level: 'debug' | 'warn') => {
    stop();
    opts.log[level]({ transport: transport.id, why }, 'closing media transport');
    transport.close();
  };
  transport.on('icestatechange', (state) => {
    if (state === 'connected' || state === 'completed') stop();
    else if (state === 'disconnected' && !timer) {
      timer = setTimeout(() => closeNow('ICE disconnected for the whole grace period', 'warn'), opts.graceMs);
      timer.unref();
    } else if (state === 'closed') stop();
  });
  transport.on('dtlsstatechange', (state) => {
    if (state === 'failed') closeNow('DTLS failed', 'warn');
    else if (state === 'closed') closeNow('DTLS closed by the browser', 'debug');
  });
  transport.observer.once('close', stop);
}
