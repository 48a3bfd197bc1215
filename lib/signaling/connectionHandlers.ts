/** Keeping a connection healthy: ICE restarts, fresh TURN credentials, round-trip checks. */
import { turnCredentials } from '@/lib/auth/turnCredentials';
import type { Config } from '@/lib/config';
import type { RequestName } from '@/lib/protocol';
import { mediaCall } from '@/lib/sfu/mediaCall';
import { joined, type HandlerMap } from './session';

type ConnectionEvents = Extract<RequestName, 'restartIce' | 'closeTransport' | 'getIceServers' | 'ping'>;

export function connectionHandlers(deps: { turn: Config['turn'] }): HandlerMap<ConnectionEvents> {
  return {
    restartIce: async (s, { transportId }) => {
      // Only the caller's own transports: Peer looks the id up in its own map.
      const transport = joined(s).peer.transport(transportId);
      const iceParameters = await mediaCall('restartIce', () => transport.restartIce());
      return { iceParameters };
    },

    closeTransport: (s, { transportId }) => {
      // Closing a transport closes its producers and consumers; the others hear of the producers.
      const { room, peer } = joined(s);
      room.closeTransport(peer, transportId);
      return {};
    },

    // Relay capacity costs money: credentials only for people in a meeting.
    getIceServers: (s) => turnCredentials(deps.turn, joined(s).peer.participantId),

    ping: () => ({ serverTime: Date.now() }),
  };
}
