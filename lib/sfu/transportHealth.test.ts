/**
 * Dead transports are noticed and closed only after the grace period (real mediasoup worker,
 * real ICE consent checks over UDP): a transport that loses consent goes 'disconnected' and is
 * closed once the grace has passed; consent coming back within the grace keeps it.
 */
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { iceClient } from '@/tests/support/iceClient';
import { sfuFixture } from '@/tests/support/sfuFixture';

// One second of grace; consent is declared lost after 10 s without a check (mediasoup's least).
const fx = await sfuFixture({ RESUME_GRACE_S: '1' });
fx.config.media.iceConsentTimeoutS = 10;
const SLOW = { timeout: 45_000 };

describe('transport health', () => {
  it('closes a transport ICE-disconnected for the whole grace', SLOW, async () => {
    const room = await fx.newRoom();
    const { peer } = fx.join(room, 'alice');
    const params = await room.createTransport(peer, 'send');
    const transport = peer.transport(params.id);
    const ice = await iceClient(params.iceParameters, params.iceCandidates);
    try {
      const connected = once(transport, 'icestatechange');
      await ice.check();
      expect(['connected', 'completed']).toContain((await connected)[0]);
      // No more consent checks: disconnected, then closed by the grace timer.
      const [state] = (await once(transport, 'icestatechange')) as [string];
      expect(state).toBe('disconnected');
      expect(peer.transports.has(params.id)).toBe(true);
      await once(transport.observer, 'close');
      expect(peer.transports.size).toBe(0);
      expect((await room.router.dump()).transportIds).toEqual([]);
    } finally {
      ice.close();
    }
  });

  it('keeps a transport whose consent comes back within the grace', SLOW, async () => {
    const room = await fx.newRoom();
    const { peer } = fx.join(room, 'bob');
    const params = await room.createTransport(peer, 'recv');
    const transport = peer.transport(params.id);
    const ice = await iceClient(params.iceParameters, params.iceCandidates);
    try {
      await ice.check();
      await once(transport, 'icestatechange');
      expect(await once(transport, 'icestatechange')).toEqual(['disconnected']);
      // Back within the grace (an ICE restart or a network that recovered).
      const back = once(transport, 'icestatechange');
      await ice.check();
      expect(['connected', 'completed']).toContain((await back)[0]);
      // It loses consent again only after the consent timeout, longer than the grace: had the
      // first grace timer not been stopped, the transport would have closed before this.
      expect(await once(transport, 'icestatechange')).toEqual(['disconnected']);
      expect(transport.closed).toBe(false);
      expect(peer.transports.has(params.id)).toBe(true);
    } finally {
      ice.close();
    }
  });
});
