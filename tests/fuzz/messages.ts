/**
 * fast-check arbitraries for signaling messages: for every request of lib/protocol a payload that
 * fits its schema (ids drawn from the live world through `IdRef` placeholders, resolved when the
 * message is sent), then mutated the ways a hostile or broken client would: wrong types, missing
 * and extra fields, huge strings, deep nesting, `__proto__`/`constructor` keys, ids of other
 * peers and rooms, no payload, no ack, non-string and unknown event names.
 */
import fc from 'fast-check';
import { REACTIONS, REQUEST_NAMES, type RequestName } from '@/lib/protocol';

/** Where a message is sent from. */
export const STANCES = ['unjoined', 'joined', 'waiting', 'host', 'guest'] as const;
export type Stance = (typeof STANCES)[number];

/** Ids a message can point at; resolved against the world when sent. */
export const ID_KINDS = [
  'ownSendTransport',
  'ownRecvTransport',
  'ownProducer',
  'ownConsumer',
  'ownPeer',
  'ownParticipant',
  'ownCallId',
  'roomPeer',
  'roomParticipant',
  'roomProducer',
  'roomTransport',
  'otherRoomCallId',
  'otherRoomPeer',
  'otherRoomProducer',
  'otherRoomTransport',
  'otherRoomConsumer',
  'waitingParticipant',
  'randomUuid',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

export class IdRef {
  constructor(readonly kind: IdKind) {}
}

export interface RouterCapsRef {
  readonly routerCaps: true;
}

export interface FuzzMessage {
  stance: Stance;
  /** A request name, an unknown name, or not a string at all. */
  event: unknown;
  /** 'none': the event is emitted with no payload argument (only the ack, if any). */
  payload: unknown;
  hasPayload: boolean;
  withAck: boolean;
  /** How the payload was made, for the counts. */
  mutation: string;
  /** Bigger than the server's message cap: the connection may be closed instead of an ack. */
  oversized: boolean;
}

const id = (): fc.Arbitrary<unknown> => fc.constantFrom(...ID_KINDS).map((k) => new IdRef(k));
const callId = () =>
  fc.oneof(
    fc.constantFrom<IdKind>('ownCallId', 'otherRoomCallId').map((k) => new IdRef(k)),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
  );
const kind = () => fc.constantFrom('audio', 'video');
const dtls = () =>
  fc.record({
    role: fc.constantFrom('client', 'server', 'auto'),
    fingerprints: fc.array(
      fc.record({
        algorithm: fc.constantFrom('sha-256', 'sha-1', 'md5'),
        value: fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF:'), maxLength: 95 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  });
const rtpParameters = () =>
  fc.record({
    codecs: fc.array(
      fc.record({
        mimeType: fc.constantFrom('audio/opus', 'video/VP8', 'video/H264', 'video/AV1', 'text/x-unknown'),
        payloadType: fc.integer({ min: 0, max: 127 }),
        clockRate: fc.constantFrom(48000, 90000, 8000),
        channels: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    encodings: fc.array(fc.record({ ssrc: fc.integer({ min: 0, max: 2 ** 32 - 1 }) }), { maxLength: 3 }),
    rtcp: fc.record({ cname: fc.string({ maxLength: 20 }) }),
  });
const rtpCapabilities = () =>
  fc.oneof(
    fc.constant({ routerCaps: true } as RouterCapsRef),
    fc.record({
      codecs: fc.array(
        fc.record({
          kind: kind(),
          mimeType: fc.constantFrom('audio/opus', 'video/VP8'),
          clockRate: fc.constantFrom(48000, 90000),
        }),
        { maxLength: 3 },
      ),
    }),
  );
const appData = () =>
  fc.dictionary(
    fc.oneof(fc.constantFrom('source', 'label', 'kind'), fc.string({ maxLength: 10 })),
    fc.oneof(
      fc.constantFrom('camera', 'microphone', 'screen', 'screen-audio', 'bogus'),
      fc.integer(),
      fc.boolean(),
    ),
    { maxKeys: 4 },
  );

/** A payload that fits each request's schema (ids possibly of other peers or rooms). */
export const validPayloads: { [E in RequestName]: () => fc.Arbitrary<unknown> } = {
  createRoom: () => fc.record({ callId: callId() }),
  prepareJoin: () => fc.record({ callId: callId() }),
  prepareReceive: () =>
    fc.record(
      { recvTransportId: id(), rtpCapabilities: rtpCapabilities() },
      { requiredKeys: ['recvTransportId'] },
    ),
  joinRoom: () =>
    fc.record({
      callId: callId(),
      userId: fc.string({ minLength: 1, maxLength: 30 }),
      rtpCapabilities: rtpCapabilities(),
    }),
  createTransport: () => fc.record({ direction: fc.constantFrom('send', 'recv') }),
  connectTransport: () => fc.record({ transportId: id(), dtlsParameters: dtls() }),
  produce: () =>
    fc.record(
      { transportId: id(), kind: kind(), rtpParameters: rtpParameters(), appData: appData() },
      { requiredKeys: ['transportId', 'kind', 'rtpParameters'] },
    ),
  consume: () =>
    fc.record(
      { transportId: id(), producerId: id(), rtpCapabilities: rtpCapabilities() },
      { requiredKeys: ['transportId', 'producerId'] },
    ),
  resumeConsumer: () => fc.record({ consumerId: id() }),
  pauseConsumer: () => fc.record({ consumerId: id() }),
  getProducers: () => fc.record({ callId: callId() }),
  leaveRoom: () => fc.constantFrom({}, undefined),
  closeProducer: () => fc.record({ producerId: id() }),
  pauseProducer: () => fc.record({ producerId: id() }),
  resumeProducer: () => fc.record({ producerId: id() }),
  admit: () => fc.record({ participantId: id() }),
  admitAll: () => fc.constantFrom({}, undefined),
  deny: () => fc.record({ participantId: id() }),
  muteParticipant: () => fc.record({ peerId: id() }),
  stopParticipantCamera: () => fc.record({ peerId: id() }),
  removeParticipant: () => fc.record({ peerId: id() }),
  setRole: () => fc.record({ peerId: id(), role: fc.constantFrom('cohost', 'guest') }),
  setMeetingLocked: () => fc.record({ locked: fc.boolean() }),
  endMeeting: () => fc.constantFrom({}, undefined),
  sendChat: () => fc.record({ text: fc.string({ minLength: 1, maxLength: 200 }) }),
  raiseHand: () => fc.record({ raised: fc.boolean() }),
  sendReaction: () => fc.record({ emoji: fc.constantFrom(...REACTIONS) }),
  restartIce: () => fc.record({ transportId: id() }),
  closeTransport: () => fc.record({ transportId: id() }),
  getIceServers: () => fc.constantFrom({}, undefined),
  ping: () => fc.constantFrom({}, undefined),
  startRecording: () => fc.constantFrom({}, undefined),
  stopRecording: () => fc.constantFrom({}, undefined),
  setPreferredLayers: () =>
    fc.record(
      {
        consumerId: id(),
        spatialLayer: fc.integer({ min: -1, max: 3 }),
        temporalLayer: fc.integer({ min: 0, max: 2 }),
      },
      { requiredKeys: ['consumerId', 'spatialLayer'] },
    ),
  setPinnedPeers: () => fc.record({ peerIds: fc.array(id(), { maxLength: 3 }) }),
};

/** Values of the wrong type for any field. */
const wrongValue = () =>
  fc.oneof(
    fc.constantFrom(null, true, 0, -1, 1e308, '', [], {}, 'undefined'),
    fc.integer(),
    fc.string({ maxLength: 20 }),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.object({ maxDepth: 2, maxKeys: 3 }),
  );

/** Keys that must never reach an object's prototype. */
function pollutingObject(inner: unknown): unknown {
  return JSON.parse(
    `{"__proto__":${JSON.stringify(inner)},"constructor":{"prototype":${JSON.stringify(inner)}}}`,
  );
}

function deepNesting(depth: number, arrays: boolean): unknown {
  const open = arrays ? '['.repeat(depth) : '{"a":'.repeat(depth);
  const close = arrays ? ']'.repeat(depth) : '}'.repeat(depth);
  return JSON.parse(`${open}1${close}`);
}

type Mutator = (
  payload: unknown,
) => fc.Arbitrary<{ payload: unknown; mutation: string; oversized?: boolean }>;

const asRecord = (p: unknown): Record<string, unknown> =>
  p !== null && typeof p === 'object' && !Array.isArray(p) ? { ...(p as Record<string, unknown>) } : {};

const mutators: Mutator[] = [
  (p) => fc.constant({ payload: p, mutation: 'valid' }),
  (p) =>
    fc.tuple(fc.nat(), wrongValue()).map(([i, v]) => {
      const r = asRecord(p);
      const keys = Object.keys(r);
      if (keys.length === 0) return { payload: v, mutation: 'wrong-type' };
      r[keys[i % keys.length]!] = v;
      return { payload: r, mutation: 'wrong-type' };
    }),
  (p) =>
    fc.nat().map((i) => {
      const r = asRecord(p);
      const keys = Object.keys(r);
      if (keys.length > 0) delete r[keys[i % keys.length]!];
      return { payload: r, mutation: 'missing-field' };
    }),
  (p) =>
    fc
      .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 })
      .map((extra) => ({ payload: { ...asRecord(p), ...extra }, mutation: 'extra-fields' })),
  (p) =>
    fc.tuple(fc.nat(), fc.integer({ min: 1_000, max: 60_000 }), fc.boolean()).map(([i, n, over]) => {
      const r = asRecord(p);
      const keys = Object.keys(r);
      const size = over ? 70_000 + n : n;
      const big = 'x'.repeat(size);
      if (keys.length === 0) return { payload: { big }, mutation: 'huge-string', oversized: over };
      r[keys[i % keys.length]!] = big;
      return { payload: r, mutation: 'huge-string', oversized: over };
    }),
  (p) =>
    fc.tuple(fc.nat(), fc.integer({ min: 50, max: 2_000 }), fc.boolean()).map(([i, depth, arrays]) => {
      const r = asRecord(p);
      const keys = Object.keys(r);
      const nested = deepNesting(depth, arrays);
      if (keys.length === 0) return { payload: nested, mutation: 'deep-nesting' };
      r[keys[i % keys.length]!] = nested;
      return { payload: r, mutation: 'deep-nesting' };
    }),
  (p) =>
    fc
      .tuple(fc.nat(), fc.constantFrom({ polluted: 'yes' }, { toString: 1 }, { isAdmin: true }))
      .map(([i, inner]) => {
        const r = asRecord(p);
        const keys = Object.keys(r);
        const evil = pollutingObject(inner) as Record<string, unknown>;
        if (keys.length > 0 && i % 2 === 0) {
          r[keys[i % keys.length]!] = evil;
          return { payload: r, mutation: 'proto-keys' };
        }
        return { payload: Object.assign(evil, r), mutation: 'proto-keys' };
      }),
  (p) => wrongValue().map((v) => ({ payload: v, mutation: p === undefined ? 'valid' : 'not-an-object' })),
];

const requestName = () => fc.constantFrom(...REQUEST_NAMES);
/** Unknown names and names that are not strings (numbers pass Socket.IO's parser; others do not). */
const oddEventName = () =>
  fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'createroom', ''),
    fc.string({ maxLength: 30 }).filter((s) => !REQUEST_NAMES.includes(s as RequestName)),
    fc.constant('y'.repeat(5_000)),
    fc.integer(),
    fc.constantFrom(0, -1, 3.5),
    fc.constantFrom(null, true, false, {}, []),
  );

const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

export const messageArb: fc.Arbitrary<FuzzMessage> = fc
  .record({
    stance: fc.constantFrom(...STANCES),
    withAck: fc.integer({ min: 0, max: 19 }).map((n) => n !== 0),
    noPayload: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    mutatorIndex: fc.nat(mutators.length - 1),
    knownWeight: fc.integer({ min: 0, max: 9 }),
  })
  .chain(({ stance, withAck, noPayload, mutatorIndex, knownWeight }) => {
    const known = knownWeight > 0; // nine in ten messages name a real request
    const name: fc.Arbitrary<unknown> = known
      ? requestName()
      : oddEventName().filter((n) => !RESERVED.has(n as string));
    return name.chain((event) => {
      const base =
        typeof event === 'string' && Object.hasOwn(validPayloads, event)
          ? validPayloads[event as RequestName]()
          : fc.object({ maxDepth: 1, maxKeys: 2 });
      return base.chain((payload) =>
        mutators[mutatorIndex]!(payload).map((m) => ({
          stance,
          event,
          payload: noPayload ? undefined : m.payload,
          // `undefined` would go on the wire as null: it means "no payload argument".
          hasPayload: !noPayload && m.payload !== undefined,
          withAck,
          mutation: noPayload ? 'no-payload' : known ? m.mutation : 'unknown-event',
          oversized: !noPayload && (m.oversized ?? false),
        })),
      );
    });
  });

/** Many new meetings in a row from one socket without a token: runs into the per-connection and per-address limits. */
export const createRoomBurstArb: fc.Arbitrary<FuzzMessage[]> = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9]{6,12}$/), { minLength: 25, maxLength: 30 })
  .map((ids) =>
    ids.map((id) => ({
      stance: 'unjoined' as const,
      event: 'createRoom',
      payload: { callId: `burst-${id}` },
      hasPayload: true,
      withAck: true,
      mutation: 'create-room-burst',
      oversized: false,
    })),
  );

/**
 * Small flat producer metadata as clients written from the seed protocol send it (free-form):
 * any keys, primitive values, and a `source` label that may be one this server does not know.
 */
export const flatAppDataArb = fc
  .tuple(
    fc.dictionary(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 6 },
    ),
    fc.option(
      fc.oneof(
        fc.constantFrom('camera', 'webcam', 'cam-video', 'mic', 'screen'),
        fc.string({ maxLength: 20 }),
      ),
    ),
  )
  .map(([rest, source]) => (source === null ? rest : { ...rest, source }));
