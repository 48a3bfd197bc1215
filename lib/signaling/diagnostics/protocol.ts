/**
 * The connection test's own small protocol, on the Socket.IO namespace `/diagnostics`: anyone who
 * can open the site may run it (no meeting token), within per-address and per-process limits.
 * A test session owns one router; the caller publishes a test stream and consumes it back (only
 * its own producers), so media makes a full round trip through the server on the path chosen.
 *
 * Shared by the server (schemas) and the browser (types only).
 */
import { z } from 'zod';
import type { TransportParams, WireError } from '@/lib/protocol';
import type { TurnIceServer } from '@/lib/auth/turnCredentials';
import {
  dtlsParametersSchema,
  entityIdSchema,
  mediaKindSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  type MediaKind,
  type RtpCapabilitiesWire,
  type RtpParametersWire,
} from '@/lib/protocol/rtp';

export const DIAGNOSTICS_NAMESPACE = '/diagnostics';

/** Which ICE candidates the server offers on a test transport. */
export const pathProtocolSchema = z.enum(['udp', 'tcp', 'any']);
export type PathProtocol = z.infer<typeof pathProtocolSchema>;

const empty = z.union([z.object({}).strict(), z.undefined(), z.null()]);

export const diagnosticsRequestSchemas = {
  start: empty,
  createTransport: z.object({ direction: z.enum(['send', 'recv']), protocol: pathProtocolSchema }),
  connectTransport: z.object({ transportId: entityIdSchema, dtlsParameters: dtlsParametersSchema }),
  closeTransport: z.object({ transportId: entityIdSchema }),
  produce: z.object({
    transportId: entityIdSchema,
    kind: mediaKindSchema,
    rtpParameters: rtpParametersSchema,
  }),
  consume: z.object({
    transportId: entityIdSchema,
    producerId: entityIdSchema,
    rtpCapabilities: rtpCapabilitiesSchema,
  }),
  resume: z.object({ consumerId: entityIdSchema }),
  serverStats: z.object({ transportId: entityIdSchema }),
  ping: empty,
} as const;

export type DiagnosticsRequestName = keyof typeof diagnosticsRequestSchemas;
export const DIAGNOSTICS_REQUEST_NAMES = Object.keys(diagnosticsRequestSchemas) as DiagnosticsRequestName[];
export type DiagnosticsPayload<E extends DiagnosticsRequestName> = z.infer<
  (typeof diagnosticsRequestSchemas)[E]
>;

export interface DiagnosticsStart {
  routerRtpCapabilities: RtpCapabilitiesWire;
  /** TURN servers with fresh credentials; empty when the server has no TURN configured. */
  iceServers: TurnIceServer[];
  /** The session closes by itself after this long (ms). */
  sessionLimitMs: number;
}

export interface DiagnosticsConsumer {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParametersWire;
}

/** What the server itself saw on one transport. */
export interface DiagnosticsTransportStats {
  iceState: string;
  dtlsState: string;
  /** Protocol of the ICE tuple in use, once connected. */
  protocol: 'udp' | 'tcp' | null;
  bytesReceived: number;
  bytesSent: number;
  /** Producer/consumer scores (0-10) on this transport. */
  scores: number[];
}

export interface DiagnosticsResults {
  start: DiagnosticsStart;
  createTransport: TransportParams;
  connectTransport: Record<string, never>;
  closeTransport: Record<string, never>;
  produce: { producerId: string };
  consume: DiagnosticsConsumer;
  resume: Record<string, never>;
  serverStats: DiagnosticsTransportStats;
  ping: { serverTime: number };
}

export type DiagnosticsAck<E extends DiagnosticsRequestName> =
  { ok: true; data: DiagnosticsResults[E] } | { ok: false; error: WireError };

/** Sent once before the server ends a session that reached its time limit. */
export const DIAGNOSTICS_EXPIRED_EVENT = 'expired';
