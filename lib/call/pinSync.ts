/**
 * Tells the server whom the viewer pinned, so that pinned people's video stays in its last-N set
 * in large meetings. Pins are tile ids in the store; the server wants peer ids.
 */
import type { ViewControls } from '@/lib/client/CallClient';
import { useCallStore } from '@/lib/store/callStore';
import { SELF, parseTileId } from '@/lib/store/tiles';

function pinnedPeer(pinnedId: string | null): string[] {
  const owner = pinnedId ? parseTileId(pinnedId)?.owner : undefined;
  return owner && owner !== SELF ? [owner] : [];
}

/** Follows the store's pin; returns the unsubscriber. */
export function syncPinsToServer(view: ViewControls): () => void {
  return useCallStore.subscribe((s, prev) => {
    if (s.pinnedId === prev.pinnedId) return;
    void view.setPinnedPeers(pinnedPeer(s.pinnedId));
  });
}
