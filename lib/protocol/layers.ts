/**
 * Simulcast layers, dynacast and last-N on the wire.
 *
 * - `setPreferredLayers`: a viewer asks for the spatial layer that fits the size its tile is drawn
 *   at (a ceiling: the server's bandwidth estimation may forward a lower one). Seed clients never
 *   send it and get the top layer.
 * - `setPinnedPeers`: the peers a viewer pinned; their video stays in its last-N set.
 * - `producerLayersWanted`: to a sender, the highest spatial layer anyone watches of one of its
 *   video producers (-1: nobody); encodings above it may stop.
 * - `consumerSuspended`: to a viewer, one of its video consumers was paused (or resumed) by the
 *   server because the sender is not among the recent speakers (last-N).
 */
import { z } from 'zod';
import { entityIdSchema } from './rtp';

/** Camera simulcast sends three spatial layers: 0 (~180p), 1 (~360p), 2 (~720p). */
export const MAX_SPATIAL_LAYER = 2;
/** Each spatial layer carries three temporal layers (L1T3). */
export const MAX_TEMPORAL_LAYER = 2;
/** A viewer pins at most this many people. */
export const MAX_PINNED_PEERS = 8;

export const layerRequestSchemas = {
  setPreferredLayers: z.object({
    consumerId: entityIdSchema,
    spatialLayer: z.number().int().min(0).max(MAX_SPATIAL_LAYER),
    temporalLayer: z.number().int().min(0).max(MAX_TEMPORAL_LAYER).optional(),
  }),
  setPinnedPeers: z.object({ peerIds: z.array(entityIdSchema).max(MAX_PINNED_PEERS) }),
} as const;

export interface LayerResults {
  setPreferredLayers: Record<string, never>;
  setPinnedPeers: Record<string, never>;
}

export interface LayerNotifications {
  /** To a sender: the highest spatial layer wanted of its producer, -1 when nobody watches it. */
  producerLayersWanted: (e: { producerId: string; maxSpatialLayer: number }) => void;
  /** To a viewer: the server paused (suspended) or resumed one of its consumers for last-N. */
  consumerSuspended: (e: { consumerId: string; suspended: boolean }) => void;
}
