/** Simulcast layers and last-N pins: a viewer's own consumers and the people of its own room. */
import type { RequestName } from '@/lib/protocol';
import { joined, type HandlerMap } from './session';

type LayerEvents = Extract<RequestName, 'setPreferredLayers' | 'setPinnedPeers'>;

export function layerHandlers(): HandlerMap<LayerEvents> {
  return {
    setPreferredLayers: async (s, { consumerId, spatialLayer, temporalLayer }) => {
      const { room, peer } = joined(s);
      await room.video.setPreferredLayers(peer, consumerId, spatialLayer, temporalLayer);
      return {};
    },

    setPinnedPeers: (s, { peerIds }) => {
      const { room, peer } = joined(s);
      room.video.setPinned(peer, peerIds);
      return {};
    },
  };
}
