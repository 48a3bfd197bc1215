/**
 * Last-N policy: in a large meeting each viewer receives camera video of the N most recent
 * speakers only, plus the people it pinned; shared screens and audio are never held back.
 * Pure functions; VideoPolicy applies the result to the viewer's consumers.
 */

export interface VideoSender {
  peerId: string;
  /** Order of the last time this peer was the dominant speaker; 0 = never (higher is more recent). */
  lastSpoke: number;
  joinedAt: number;
}

/** Whether last-N applies: more camera senders than N. */
export function lastNActive(cameraSenders: number, n: number): boolean {
  return cameraSenders > n;
}

/**
 * The senders whose camera `viewerId` receives: its pins, then the most recent speakers (never
 * heard: earliest joiners first) until N are chosen. The viewer itself is never in its own set.
 */
export function selectLastN(
  senders: readonly VideoSender[],
  n: number,
  viewerId: string,
  pinned: ReadonlySet<string> = new Set(),
): Set<string> {
  const chosen = new Set<string>();
  for (const s of senders) if (pinned.has(s.peerId) && s.peerId !== viewerId) chosen.add(s.peerId);
  const ranked = senders
    .filter((s) => s.peerId !== viewerId && !chosen.has(s.peerId))
    .sort((a, b) => b.lastSpoke - a.lastSpoke || a.joinedAt - b.joinedAt || (a.peerId < b.peerId ? -1 : 1));
  // Pins come on top of N: the viewer asked for them explicitly.
  for (const s of ranked.slice(0, n)) chosen.add(s.peerId);
  return chosen;
}
