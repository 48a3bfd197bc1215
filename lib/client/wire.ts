/**
 * Conversions between the protocol's wire shapes (zod-inferred, deliberately loose) and
 * mediasoup-client's types (stricter literal unions). The objects are the same JSON; only the
 * static types differ, so each conversion is a documented cast in one place.
 */
import type { types as ms } from 'mediasoup-client';
import type {
  AppDataWire,
  DtlsParametersWire,
  MediaSource,
  RtpCapabilitiesWire,
  RtpParametersWire,
  TransportParams,
} from '@/lib/protocol';
import { mediaSourceSchema } from '@/lib/protocol';

/** Router capabilities from `createRoom`/`joinRoom`: mediasoup's own output, so already complete. */
export function toClientRtpCapabilities(caps: RtpCapabilitiesWire): ms.RtpCapabilities {
  return caps as unknown as ms.RtpCapabilities;
}

/** The device's capabilities, sent with `joinRoom`/`consume`. Codec parameters are flat scalars. */
export function toWireRtpCapabilities(caps: ms.RtpCapabilities): RtpCapabilitiesWire {
  return caps as unknown as RtpCapabilitiesWire;
}

export function toWireRtpParameters(params: ms.RtpParameters): RtpParametersWire {
  return params as unknown as RtpParametersWire;
}

export function toClientRtpParameters(params: RtpParametersWire): ms.RtpParameters {
  return params as unknown as ms.RtpParameters;
}

export function toWireDtlsParameters(params: ms.DtlsParameters): DtlsParametersWire {
  return params;
}

/** Server transport parameters -> the options `device.createSend/RecvTransport()` takes. */
export function toTransportOptions(
  params: TransportParams,
  iceServers: RTCIceServer[] = [],
): ms.TransportOptions {
  return {
    id: params.id,
    // TURN servers (relay candidates) when the server has them; host candidates come from it too.
    ...(iceServers.length > 0 && { iceServers }),
    iceParameters: params.iceParameters,
    iceCandidates: params.iceCandidates,
    dtlsParameters: params.dtlsParameters as ms.DtlsParameters,
    // sctpParameters are left out on purpose: the client opens no data channels.
  };
}

export function sourceAppData(source: MediaSource): AppDataWire {
  return { source };
}

/** Camera and microphone of one peer share a stream id so the browser lip-syncs them. */
export function streamIdFor(peerId: string, source: MediaSource | null): string {
  return source === 'screen' || source === 'screen-audio' ? `${peerId}:screen` : `${peerId}:media`;
}

/** Reads `appData.source` back (e.g. from a producer's appData); null when absent or unknown. */
export function sourceOf(appData: ms.AppData): MediaSource | null {
  const parsed = mediaSourceSchema.safeParse(appData.source);
  return parsed.success ? parsed.data : null;
}
