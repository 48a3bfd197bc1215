/**
 * Wire primitives and media parameters: ids, kinds, sources, RTP capabilities/parameters, DTLS
 * parameters and producer appData. mediasoup's own shapes, validated loosely (unknown keys kept)
 * but bounded in size so a hostile payload stays cheap to check.
 */
import { z } from 'zod';
import { CALL_ID_CHARS, CALL_ID_MAX_LENGTH } from './callId';

/** Meeting/call ids: 1-128 characters of a URL-safe alphabet. */
export const callIdSchema = z
  .string()
  .min(1)
  .max(CALL_ID_MAX_LENGTH)
  .regex(CALL_ID_CHARS, 'only letters, digits, "-" and "_" are allowed');
export const userIdSchema = z.string().trim().min(1).max(128);
/** Ids the server generated (mediasoup uses UUIDs); bounded so lookups stay cheap. */
export const entityIdSchema = z.string().min(1).max(64);
export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;
export const mediaSourceSchema = z.enum(['camera', 'microphone', 'screen', 'screen-audio']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

const shortString = z.string().max(256);
const paramValue = z.union([z.string().max(256), z.number(), z.boolean()]);
const codecParameters = z
  .record(z.string().max(64), paramValue)
  .refine((r) => Object.keys(r).length <= 32, 'too many codec parameters');
const rtcpFeedback = z.object({ type: z.string().max(32), parameter: z.string().max(32).optional() });

const capabilityCodec = z.looseObject({
  kind: mediaKindSchema,
  mimeType: z.string().max(64),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});
const capabilityHeaderExtension = z.looseObject({
  kind: mediaKindSchema,
  uri: z.string().max(256),
  preferredId: z.number().int().min(1).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
});
export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(capabilityCodec).max(64).optional(),
  headerExtensions: z.array(capabilityHeaderExtension).max(64).optional(),
});
export type RtpCapabilitiesWire = z.infer<typeof rtpCapabilitiesSchema>;

const rtpCodecParameters = z.looseObject({
  mimeType: z.string().max(64),
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});
const rtpEncoding = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: z.number().int().optional(),
  rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
  maxBitrate: z.number().positive().optional(),
});
export const rtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(rtpCodecParameters).min(1).max(16),
  headerExtensions: z
    .array(
      z.looseObject({
        uri: z.string().max(256),
        id: z.number().int().min(1).max(255),
        encrypt: z.boolean().optional(),
        parameters: codecParameters.optional(),
      }),
    )
    .max(32)
    .optional(),
  encodings: z.array(rtpEncoding).max(8).optional(),
  rtcp: z.looseObject({ cname: shortString.optional(), reducedSize: z.boolean().optional() }).optional(),
});
export type RtpParametersWire = z.infer<typeof rtpParametersSchema>;

export const dtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.string().max(16), value: z.string().max(256) }))
    .min(1)
    .max(8),
});
export type DtlsParametersWire = z.infer<typeof dtlsParametersSchema>;

/**
 * Free-form producer metadata, as the seed leaves it: any small, flat object (at most 16 keys of
 * up to 64 characters; strings of up to 256). `source` may hold any label: the server reads
 * one of MediaSource from it, or from the track's kind (see the server's producerSource).
 */
export const APP_DATA_MAX_KEYS = 16;
export const appDataSchema = z
  .record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= APP_DATA_MAX_KEYS, `at most ${APP_DATA_MAX_KEYS} appData keys`);
export type AppDataWire = z.infer<typeof appDataSchema>;
