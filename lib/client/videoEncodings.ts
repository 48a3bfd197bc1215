/**
 * How local video is encoded. A camera goes out as VP8 simulcast: three spatial layers
 * (¼, ½ and full resolution: ~180p, ~360p, ~720p from a 720p capture), each with three temporal
 * layers (L1T3), so the server can forward to every viewer the size its tile needs and drop to
 * a lower layer or frame rate when a viewer's downlink is poor. A shared screen goes out as one
 * high-resolution layer at a low frame rate, tuned for legible text.
 *
 * VP9 SVC (L3T3_KEY) would save upload, but the SFU does not transcode: every viewer would need
 * a VP9 decoder (older Safari and some hardware-decoding phones have none), and mixing codecs per
 * room needs per-viewer fallback producers. VP8 simulcast works everywhere, so it is kept.
 */
import type { types as ms } from 'mediasoup-client';

const VIDEO_CODEC_MIME = 'video/vp8';

/** Per-layer caps (bits/s), smallest layer first: ~180p, ~360p, ~720p. */
export const CAMERA_LAYER_BITRATES = [150_000, 500_000, 1_500_000] as const;

export const CAMERA_ENCODINGS: ms.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: CAMERA_LAYER_BITRATES[0], scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: CAMERA_LAYER_BITRATES[1], scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: CAMERA_LAYER_BITRATES[2], scalabilityMode: 'L1T3' },
];

/** Screen share: one layer, full resolution, few frames (slides and code change rarely). */
export const SCREEN_ENCODINGS: ms.RtpEncodingParameters[] = [
  { maxBitrate: 2_500_000, maxFramerate: 15, scalabilityMode: 'L1T3' },
];

/** VP8 when the device and router share it; otherwise mediasoup-client's first common codec. */
export function pickVideoCodec(device: ms.Device): ms.RtpCodecCapability | undefined {
  return device.sendRtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === VIDEO_CODEC_MIME);
}

/** produce() options for a video track of `source`. */
export function videoProduceOptions(
  device: ms.Device,
  source: 'camera' | 'screen' | string,
  track: MediaStreamTrack,
): Pick<ms.ProducerOptions, 'codec' | 'encodings' | 'codecOptions'> {
  const codec = pickVideoCodec(device);
  if (source === 'screen') {
    // The encoder keeps resolution (text stays sharp) and drops frames under pressure.
    if ('contentHint' in track) track.contentHint = 'detail';
    return { codec, encodings: SCREEN_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } };
  }
  return { codec, encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } };
}
