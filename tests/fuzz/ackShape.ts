/**
 * What a well-formed answer to a request looks like: `{ ok: false, error: { code, message } }`
 * with a known code and a message, or `{ ok: true, data }` whose data has the shape lib/protocol
 * promises for that request.
 */
import { z } from 'zod';
import { ErrorCode, type RequestName } from '@/lib/protocol';

const empty = z.strictObject({});
const obj = z.record(z.string(), z.unknown());

const successData: Record<RequestName, z.ZodType> = {
  createRoom: z.object({ rtpCapabilities: obj }),
  joinRoom: z.object({
    peerId: z.string().min(1),
    peers: z.array(obj),
    rtpCapabilities: obj,
    activeSpeakerPeerId: z.string().nullable(),
    self: z.object({ participantId: z.string().min(1), role: z.enum(['host', 'cohost', 'guest']) }),
    meeting: obj,
    chat: z.array(obj),
    lobby: z.array(obj),
  }),
  prepareJoin: z.object({ rtpCapabilities: obj, transports: z.object({ send: obj, recv: obj }).nullable() }),
  prepareReceive: z.object({ consumers: z.array(obj) }),
  createTransport: z.object({ id: z.string().min(1) }).loose(),
  connectTransport: empty,
  produce: z.object({ producerId: z.string().min(1) }),
  consume: z.object({ id: z.string().min(1), producerId: z.string().min(1) }).loose(),
  resumeConsumer: empty,
  pauseConsumer: empty,
  getProducers: z.object({ producers: z.array(obj) }),
  leaveRoom: empty,
  closeProducer: empty,
  pauseProducer: empty,
  resumeProducer: empty,
  admit: empty,
  admitAll: z.object({ admitted: z.number().int().nonnegative() }),
  deny: empty,
  muteParticipant: empty,
  stopParticipantCamera: empty,
  removeParticipant: empty,
  setRole: empty,
  setMeetingLocked: empty,
  endMeeting: empty,
  sendChat: z.object({ message: z.object({ id: z.string(), text: z.string().min(1) }).loose() }),
  raiseHand: empty,
  sendReaction: empty,
  restartIce: z.object({
    iceParameters: z.object({ usernameFragment: z.string().min(1), password: z.string().min(1) }).loose(),
  }),
  closeTransport: empty,
  getIceServers: z.object({
    iceServers: z.array(obj),
    expiresAt: z.number().nullable(),
    refreshAt: z.number().nullable(),
  }),
  ping: z.object({ serverTime: z.number() }),
  startRecording: z.object({ recordingId: z.string().min(1), startedAt: z.number() }),
  stopRecording: empty,
  setPreferredLayers: empty,
  setPinnedPeers: empty,
};

const refusal = z.strictObject({
  ok: z.literal(false),
  error: z.strictObject({
    code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().min(1).max(1_000),
  }),
});

export type AckVerdict =
  { valid: true; ok: true } | { valid: true; ok: false; code: ErrorCode } | { valid: false; why: string };

/** Judges an ack to `event` (a request name, or anything else, which must be refused). */
export function judgeAck(event: unknown, ack: unknown): AckVerdict {
  const refused = refusal.safeParse(ack);
  if (refused.success) return { valid: true, ok: false, code: refused.data.error.code };
  const known = typeof event === 'string' && Object.hasOwn(successData, event);
  const success = z.strictObject({ ok: z.literal(true), data: z.unknown() }).safeParse(ack);
  if (!success.success) return { valid: false, why: `neither a refusal nor a success: ${preview(ack)}` };
  if (!known) return { valid: false, why: `an unknown event was accepted: ${preview(ack)}` };
  const data = successData[event as RequestName].safeParse(success.data.data);
  if (!data.success) return { valid: false, why: `success data of the wrong shape: ${preview(ack)}` };
  return { valid: true, ok: true };
}

export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
