/** The common steps of a call, driven through the real signaling API by a TestClient. */
import type { ConsumerParams, MediaKind, MediaSource, RtpCapabilitiesWire } from '@/lib/protocol';
import { clientRtpCapabilities, fakeDtlsParameters, rtpParametersFor } from './fakeMedia';
import type { TestClient } from './testClient';

export interface Joined {
  client: TestClient;
  callId: string;
  userId: string;
  peerId: string;
  rtpCapabilities: RtpCapabilitiesWire;
  otherPeers: Array<{ peerId: string; userId: string }>;
}

/** createRoom → joinRoom with capabilities derived from the router's. */
export async function joinCall(client: TestClient, callId: string, userId: string): Promise<Joined> {
  const { rtpCapabilities: routerCaps } = await client.ok('createRoom', { callId });
  const rtpCapabilities = clientRtpCapabilities(routerCaps);
  const joined = await client.ok('joinRoom', { callId, userId, rtpCapabilities });
  return { client, callId, userId, peerId: joined.peerId, rtpCapabilities, otherPeers: joined.peers };
}

export interface Transports {
  send: string;
  recv: string;
}

/** createTransport send + recv, both connected with fake DTLS parameters. */
export async function openTransports(client: TestClient): Promise<Transports> {
  const send = (await client.ok('createTransport', { direction: 'send' })).id;
  const recv = (await client.ok('createTransport', { direction: 'recv' })).id;
  await client.ok('connectTransport', { transportId: send, dtlsParameters: fakeDtlsParameters('client', 1) });
  await client.ok('connectTransport', { transportId: recv, dtlsParameters: fakeDtlsParameters('client', 2) });
  return { send, recv };
}

export async function publish(
  client: TestClient,
  transportId: string,
  kind: MediaKind,
  opts: { ssrc?: number; source?: MediaSource } = {},
): Promise<string> {
  const source = opts.source ?? (kind === 'video' ? 'camera' : 'microphone');
  const res = await client.ok('produce', {
    transportId,
    kind,
    rtpParameters: rtpParametersFor(kind, opts.ssrc),
    appData: { source },
  });
  return res.producerId;
}

/** consume (paused on the server) then resumeConsumer, as a client does once its consumer is ready. */
export async function subscribe(
  joined: Joined,
  transportId: string,
  producerId: string,
  resume = true,
): Promise<ConsumerParams> {
  const consumer = await joined.client.ok('consume', {
    transportId,
    producerId,
    rtpCapabilities: joined.rtpCapabilities,
  });
  if (resume) await joined.client.ok('resumeConsumer', { consumerId: consumer.id });
  return consumer;
}

/** Alice and Bob joined to `callId`, each with connected send and recv transports. */
export async function pairInCall(alice: TestClient, bob: TestClient, callId: string) {
  const a = await joinCall(alice, callId, 'alice');
  const b = await joinCall(bob, callId, 'bob');
  const aT = await openTransports(alice);
  const bT = await openTransports(bob);
  return { a, b, aT, bT };
}
