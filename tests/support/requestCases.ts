/** Valid payloads and named invalid ones for every signaling request (protocol schema tests). */
import { fakeDtlsParameters, opusRtpParameters, vp8RtpParameters } from '@/tests/support/fakeMedia';
import type { RequestName } from '@/lib/protocol';

export const ID = '3f0b8a52-7c1e-4a55-9d3e-2f1c6b7a8d90';
export const caps = {
  codecs: [
    { kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2 },
    {
      kind: 'video',
      mimeType: 'video/VP8',
      preferredPayloadType: 101,
      clockRate: 90000,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
    },
    {
      kind: 'video',
      mimeType: 'video/rtx',
      preferredPayloadType: 102,
      clockRate: 90000,
      parameters: { apt: 101 },
    },
  ],
  headerExtensions: [
    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, direction: 'sendrecv' },
  ],
};
export const s = (n: number, ch = 'a'): string => ch.repeat(n);
export const many = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

/** Valid payloads and named invalid ones for every request; typed so a new request must be added. */
export const requestCases: Record<RequestName, { valid: unknown[]; invalid: Record<string, unknown> }> = {
  createRoom: {
    valid: [{ callId: 'daily-standup' }, { callId: 'A_b-9' }, { callId: s(128) }, { callId: 'x' }],
    invalid: {
      'no payload': undefined,
      null: null,
      'a string': 'daily-standup',
      'an array': [{ callId: 'x' }],
      'callId missing': {},
      'callId a number': { callId: 42 },
      'callId empty': { callId: '' },
      'callId too long': { callId: s(129) },
      'callId with a space': { callId: 'daily standup' },
      'callId with a slash': { callId: '../etc' },
      'callId with unicode': { callId: 'réunion' },
    },
  },
  prepareJoin: {
    valid: [{ callId: 'daily-standup' }, { callId: s(128) }],
    invalid: {
      'no payload': undefined,
      'callId missing': {},
      'callId empty': { callId: '' },
      'callId too long': { callId: s(129) },
      'callId with a space': { callId: 'daily standup' },
    },
  },
  prepareReceive: {
    valid: [{ recvTransportId: 't1', rtpCapabilities: caps }],
    invalid: {
      'no payload': undefined,
      'transport id missing': { rtpCapabilities: caps },
      'transport id empty': { recvTransportId: '', rtpCapabilities: caps },
      'rtpCapabilities missing': { recvTransportId: 't1' },
      'rtpCapabilities a string': { recvTransportId: 't1', rtpCapabilities: 'caps' },
    },
  },
  joinRoom: {
    valid: [
      { callId: 'room1', userId: 'alice', rtpCapabilities: caps },
      { callId: 'room1', userId: 'alice', rtpCapabilities: caps, prepared: { recvTransportId: 't1' } },
      { callId: 'room1', userId: s(128, 'é'), rtpCapabilities: {} },
    ],
    invalid: {
      'userId missing': { callId: 'room1', rtpCapabilities: caps },
      'userId too long': { callId: 'room1', userId: s(129), rtpCapabilities: caps },
      'userId only spaces': { callId: 'room1', userId: '   ', rtpCapabilities: caps },
      'userId a number': { callId: 'room1', userId: 7, rtpCapabilities: caps },
      'callId bad charset': { callId: 'room 1', userId: 'alice', rtpCapabilities: caps },
      'rtpCapabilities missing': { callId: 'room1', userId: 'alice' },
      'prepared transport id empty': {
        callId: 'room1',
        userId: 'alice',
        rtpCapabilities: caps,
        prepared: { recvTransportId: '' },
      },
      'prepared a string': { callId: 'room1', userId: 'alice', rtpCapabilities: caps, prepared: 't1' },
      'rtpCapabilities a string': { callId: 'room1', userId: 'alice', rtpCapabilities: 'caps' },
      'capability codec kind unknown': {
        callId: 'room1',
        userId: 'alice',
        rtpCapabilities: { codecs: [{ kind: 'data', mimeType: 'x/y', clockRate: 1 }] },
      },
      'too many capability codecs': {
        callId: 'room1',
        userId: 'alice',
        rtpCapabilities: { codecs: many(65, () => caps.codecs[0]) },
      },
      'too many header extensions': {
        callId: 'room1',
        userId: 'alice',
        rtpCapabilities: { headerExtensions: many(65, () => caps.headerExtensions[0]) },
      },
    },
  },
  createTransport: {
    valid: [{ direction: 'send' }, { direction: 'recv' }],
    invalid: {
      'direction unknown': { direction: 'both' },
      'direction a number': { direction: 1 },
      'direction missing': {},
    },
  },
  connectTransport: {
    valid: [
      { transportId: ID, dtlsParameters: fakeDtlsParameters() },
      { transportId: ID, dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } },
    ],
    invalid: {
      'transportId a number': { transportId: 1, dtlsParameters: fakeDtlsParameters() },
      'transportId too long': { transportId: s(65), dtlsParameters: fakeDtlsParameters() },
      'dtlsParameters missing': { transportId: ID },
      'no fingerprints': { transportId: ID, dtlsParameters: { role: 'client', fingerprints: [] } },
      'too many fingerprints': {
        transportId: ID,
        dtlsParameters: { fingerprints: many(9, () => ({ algorithm: 'sha-256', value: 'AB' })) },
      },
      'role unknown': { transportId: ID, dtlsParameters: { ...fakeDtlsParameters(), role: 'boss' } },
    },
  },
  produce: {
    valid: [
      { transportId: ID, kind: 'video', rtpParameters: vp8RtpParameters() },
      {
        transportId: ID,
        kind: 'audio',
        rtpParameters: opusRtpParameters(),
        appData: { source: 'microphone' },
      },
      {
        transportId: ID,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
        appData: { source: 'screen', n: null },
      },
      {
        transportId: ID,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
        appData: { label: 'cam', hd: true },
      },
      // The seed leaves appData free: a source label of the client's own is accepted.
      {
        transportId: ID,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
        appData: { source: 'webcam', mediaTag: 'x' },
      },
    ],
    invalid: {
      'kind unknown': { transportId: ID, kind: 'data', rtpParameters: vp8RtpParameters() },
      'rtpParameters missing': { transportId: ID, kind: 'video' },
      'rtpParameters with no codecs': { transportId: ID, kind: 'video', rtpParameters: { codecs: [] } },
      'too many codecs': {
        transportId: ID,
        kind: 'video',
        rtpParameters: {
          codecs: many(17, (i) => ({ mimeType: 'video/VP8', payloadType: i, clockRate: 90000 })),
        },
      },
      'too many encodings': {
        transportId: ID,
        kind: 'video',
        rtpParameters: { ...vp8RtpParameters(), encodings: many(9, (i) => ({ ssrc: i + 1 })) },
      },
      'payloadType out of range': {
        transportId: ID,
        kind: 'video',
        rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 128, clockRate: 90000 }] },
      },
      'too many codec parameters': {
        transportId: ID,
        kind: 'video',
        rtpParameters: {
          codecs: [
            {
              mimeType: 'video/VP8',
              payloadType: 96,
              clockRate: 90000,
              parameters: Object.fromEntries(many(33, (i) => [`p${i}`, i])),
            },
          ],
        },
      },
      'appData string too long': {
        transportId: ID,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
        appData: { label: 'x'.repeat(257) },
      },
      'too many appData keys': {
        transportId: ID,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
        appData: Object.fromEntries(many(17, (i) => [`k${i}`, i])),
      },
      'nested appData': {
        transportId: ID,
        kind: 'video',
        rtpParameters: vp8RtpParameters(),
        appData: { nested: { a: 1 } },
      },
      'transportId null': { transportId: null, kind: 'video', rtpParameters: vp8RtpParameters() },
    },
  },
  consume: {
    valid: [
      { transportId: ID, producerId: ID },
      { transportId: ID, producerId: ID, rtpCapabilities: caps },
    ],
    invalid: {
      'producerId missing': { transportId: ID },
      'producerId an object': { transportId: ID, producerId: { id: ID } },
      'producerId empty': { transportId: ID, producerId: '' },
      'rtpCapabilities an array': { transportId: ID, producerId: ID, rtpCapabilities: [] },
    },
  },
  resumeConsumer: {
    valid: [{ consumerId: ID }],
    invalid: { 'consumerId a number': { consumerId: 1 }, 'consumerId too long': { consumerId: s(65) } },
  },
  pauseConsumer: {
    valid: [{ consumerId: ID }],
    invalid: { 'consumerId missing': {}, 'consumerId empty': { consumerId: '' } },
  },
  getProducers: {
    valid: [{ callId: 'room1' }],
    invalid: {
      'callId a number': { callId: 1 },
      'callId bad charset': { callId: 'a.b' },
      'callId missing': {},
    },
  },
  leaveRoom: {
    // The seed emits leaveRoom with only the ack callback: no payload is valid here.
    valid: [undefined, {}],
    invalid: { null: null, 'a string': 'bye', 'a number': 1, 'an array': [] },
  },
  closeProducer: {
    valid: [{ producerId: ID }],
    invalid: { 'producerId a boolean': { producerId: true }, 'producerId missing': {} },
  },
  pauseProducer: {
    valid: [{ producerId: ID }],
    invalid: { 'producerId null': { producerId: null }, 'producerId too long': { producerId: s(65) } },
  },
  resumeProducer: {
    valid: [{ producerId: ID }],
    invalid: { 'producerId a number': { producerId: 5 }, 'no payload': undefined },
  },
  admit: { valid: [{ participantId: ID }], invalid: { 'no id': {}, 'id a number': { participantId: 1 } } },
  admitAll: { valid: [undefined, {}], invalid: { 'a string': 'all' } },
  deny: { valid: [{ participantId: ID }], invalid: { 'id empty': { participantId: '' } } },
  muteParticipant: { valid: [{ peerId: ID }], invalid: { 'no peer': {}, 'id too long': { peerId: s(65) } } },
  stopParticipantCamera: { valid: [{ peerId: ID }], invalid: { 'peer a list': { peerId: [ID] } } },
  removeParticipant: { valid: [{ peerId: ID }], invalid: { 'no payload': undefined } },
  setRole: {
    valid: [
      { peerId: ID, role: 'cohost' },
      { peerId: ID, role: 'guest' },
    ],
    invalid: { 'role host (never granted)': { peerId: ID, role: 'host' }, 'role missing': { peerId: ID } },
  },
  setMeetingLocked: {
    valid: [{ locked: true }, { locked: false }],
    invalid: { 'locked a string': { locked: 'on' } },
  },
  endMeeting: { valid: [undefined, {}], invalid: { 'a number': 1 } },
  sendChat: {
    valid: [{ text: 'hello' }, { text: s(2000) }, { text: '<b>not html</b>' }],
    invalid: {
      empty: { text: '' },
      'only spaces': { text: '   ' },
      'too long': { text: s(2001) },
      'not text': { text: 42 },
    },
  },
  raiseHand: {
    valid: [{ raised: true }, { raised: false }],
    invalid: { 'raised a string': { raised: 'yes' } },
  },
  sendReaction: {
    valid: [{ emoji: '👍' }, { emoji: '🎉' }],
    invalid: { 'unknown emoji': { emoji: '💩' }, markup: { emoji: '<img>' } },
  },
  restartIce: {
    valid: [{ transportId: ID }],
    invalid: {
      'no transport': {},
      'transport an object': { transportId: { id: ID } },
      'too long': { transportId: s(65) },
    },
  },
  closeTransport: {
    valid: [{ transportId: ID }],
    invalid: { 'no transport': {}, 'transport a number': { transportId: 5 } },
  },
  getIceServers: { valid: [{}, undefined], invalid: { 'a string': 'turn', null: null } },
  ping: { valid: [{}, undefined], invalid: { 'a number': 1 } },
  startRecording: { valid: [{}, undefined], invalid: { 'a string': 'now', null: null } },
  stopRecording: { valid: [{}, undefined], invalid: { 'a number': 1, 'an array': [] } },
  setPreferredLayers: {
    valid: [
      { consumerId: ID, spatialLayer: 0 },
      { consumerId: ID, spatialLayer: 2, temporalLayer: 1 },
    ],
    invalid: {
      'no consumer': { spatialLayer: 1 },
      'layer above the top': { consumerId: ID, spatialLayer: 3 },
      'negative layer': { consumerId: ID, spatialLayer: -1 },
      'fractional layer': { consumerId: ID, spatialLayer: 1.5 },
      'temporal layer a string': { consumerId: ID, spatialLayer: 1, temporalLayer: 'top' },
    },
  },
  setPinnedPeers: {
    valid: [{ peerIds: [] }, { peerIds: [ID] }, { peerIds: many(8, () => ID) }],
    invalid: {
      'no list': {},
      'too many': { peerIds: many(9, () => ID) },
      'an id too long': { peerIds: [s(65)] },
      'ids not a list': { peerIds: ID },
    },
  },
};
