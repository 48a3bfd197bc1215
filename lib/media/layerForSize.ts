/**
 * Which simulcast layer a remote video needs, from the size its tile is drawn at. Camera layers
 * are ~180p, ~360p and ~720p (see lib/client/videoEncodings); a pinned tile always gets the top.
 */

/** Picture heights of the camera layers, smallest first. */
export const LAYER_HEIGHTS = [180, 360, 720] as const;
export const TOP_LAYER = LAYER_HEIGHTS.length - 1;

/** A layer may be drawn up to this much larger than it is before the next one is asked for. */
const UPSCALE_TOLERANCE = 1.2;

/**
 * The smallest layer that looks sharp in a tile of `width` × `height` CSS pixels on a screen with
 * `devicePixelRatio`. Tiles crop the picture to fill (object-cover), so a wide tile needs the
 * height a 16:9 frame as wide as the tile would have.
 */
export function layerForSize(
  size: { width: number; height: number },
  devicePixelRatio: number,
  pinned = false,
): number {
  if (pinned) return TOP_LAYER;
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const needed = Math.max(size.height, (size.width * 9) / 16) * ratio;
  const layer = LAYER_HEIGHTS.findIndex((h) => needed <= h * UPSCALE_TOLERANCE);
  return layer === -1 ? TOP_LAYER : layer;
}
