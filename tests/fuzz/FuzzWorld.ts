/**
 * The live world a fuzz run talks to: one real test server and, per episode, a socket in each
 * stance (unjoined, joined to an open meeting, waiting in a lobby, host, admitted guest), each
 * with real transports, producers and consumers, plus two open meetings kept alive for the whole
 * run whose ids serve as "another peer" and "another room". `resolve` turns the IdRef
 * placeholders of generated payloads into those ids.
 */
import { randomUUID } from 'node:crypto';
import { clientRtpCapabilities } from '@/tests/support/fakeMedia';
import { joinCall, openTransports, publish } from '@/tests/support/callFlow';
import {
  MeetingFixture,
  admitAndJoin,
  joinMeeting,
  joinRefused,
  publishMicAndCamera,
  uniqueMeetingId,
} from '@/tests/support/meetingFixture';
import type { TestClient } from '@/tests/support/testClient';
import type { TestServer } from '@/tests/support/testServer';
import type { RtpCapabilitiesWire } from '@/lib/protocol';
import { IdRef, STANCES, type IdKind, type Stance } from './messages';

/** The ids one socket owns and sees. */
interface Holdings {
  client: TestClient;
  callId: string;
  peerId?: string;
  participantId?: string;
  sendTransport?: string;
  recvTransport?: string;
  producer?: string;
  consumer?: string;
  /** Someone else in the same meeting. */
  roomPeer?: string;
  roomParticipant?: string;
  roomProducer?: string;
  roomTransport?: string;
}

interface OpenRoom {
  callId: string;
  peer: string;
  producer: string;
  transport: string;
}

interface OtherRoom {
  callId: string;
  peer: string;
  producer: string;
  transport: string;
  consumer: string;
}

let ssrc = 90_000_000;

async function consumeFrom(
  client: TestClient,
  recv: string,
  producerId: string,
  caps: RtpCapabilitiesWire,
): Promise<string> {
  const consumer = await client.ok('consume', { transportId: recv, producerId, rtpCapabilities: caps });
  await client.ok('resumeConsumer', { consumerId: consumer.id });
  return consumer.id;
}

export class FuzzWorld {
  readonly srv: TestServer;
  readonly fixture: MeetingFixture;
  readonly #keepers: TestClient[];
  readonly #openRoom: OpenRoom;
  readonly #otherRoom: OtherRoom;
  readonly caps: RtpCapabilitiesWire;
  #stances = new Map<Stance, Holdings>();
  #waitingParticipant = '';

  private constructor(
    srv: TestServer,
    fixture: MeetingFixture,
    keepers: TestClient[],
    openRoom: OpenRoom,
    otherRoom: OtherRoom,
    caps: RtpCapabilitiesWire,
  ) {
    this.srv = srv;
    this.fixture = fixture;
    this.#keepers = keepers;
    this.#openRoom = openRoom;
    this.#otherRoom = otherRoom;
    this.caps = caps;
  }

  /** Two open meetings with someone publishing in each, kept for the whole run. */
  static async create(srv: TestServer): Promise<FuzzWorld> {
    const fixture = await MeetingFixture.create(srv);
    const [keepO, keepR, viewR] = [await fixture.connect(), await fixture.connect(), await fixture.connect()];
    const o = await joinCall(keepO, uniqueMeetingId('fuzz-open'), 'keeper-open');
    const oMedia = await publishMicAndCamera(keepO);
    const r = await joinCall(keepR, uniqueMeetingId('fuzz-other'), 'keeper-other');
    const rMedia = await publishMicAndCamera(keepR);
    const viewer = await joinCall(viewR, r.callId, 'viewer-other');
    const viewerT = await openTransports(viewR);
    const rConsumer = await consumeFrom(viewR, viewerT.recv, rMedia.camera, viewer.rtpCapabilities);
    return new FuzzWorld(
      srv,
      fixture,
      [keepO, keepR, viewR],
      { callId: o.callId, peer: o.peerId, producer: oMedia.camera, transport: oMedia.send },
      {
        callId: r.callId,
        peer: r.peerId,
        producer: rMedia.camera,
        transport: rMedia.send,
        consumer: rConsumer,
      },
      o.rtpCapabilities,
    );
  }

  /** Fresh sockets in every stance (the previous episode's are closed). */
  async startEpisode(): Promise<void> {
    this.closeEpisode();
    const f = this.fixture;
    const stances = new Map<Stance, Holdings>();

    const unjoined = await f.connect();
    stances.set('unjoined', { client: unjoined, callId: this.#openRoom.callId, ...this.#openRoomPeer() });

    const anon = await f.connect();
    const joined = await joinCall(anon, this.#openRoom.callId, 'fuzz-joined');
    const anonMedia = await publishMicAndCamera(anon);
    const anonConsumer = await consumeFrom(
      anon,
      anonMedia.recv,
      this.#openRoom.producer,
      joined.rtpCapabilities,
    );
    stances.set('joined', {
      client: anon,
      callId: joined.callId,
      peerId: joined.peerId,
      sendTransport: anonMedia.send,
      recvTransport: anonMedia.recv,
      producer: anonMedia.camera,
      consumer: anonConsumer,
      ...this.#openRoomPeer(),
    });

    const meeting = await f.ownedMeeting({ waitingRoom: true });
    const host = await f.host(meeting);
    const hostJoin = await joinMeeting(host.client, meeting.meetingId, 'Fuzz Host');
    const hostMedia = await publishMicAndCamera(host.client);
    const guest = await f.guest(meeting.meetingId);
    const guestJoin = await admitAndJoin(host.client, guest, 'Fuzz Guest');
    const guestCaps = clientRtpCapabilities(guestJoin.rtpCapabilities);
    const guestT = await openTransports(guest.client);
    ssrc += 10;
    const guestProducer = await publish(guest.client, guestT.send, 'video', { ssrc });
    const guestConsumer = await consumeFrom(guest.client, guestT.recv, hostMedia.camera, guestCaps);
    const hostConsumer = await consumeFrom(host.client, hostMedia.recv, guestProducer, guestCaps);
    const waiting = await f.guest(meeting.meetingId);
    const code = await joinRefused(waiting.client, meeting.meetingId, 'Fuzz Waiting');
    if (code !== 'WAITING_ROOM') throw new Error(`the waiting socket was refused with ${code}`);
    this.#waitingParticipant = waiting.participantId;

    stances.set('host', {
      client: host.client,
      callId: meeting.meetingId,
      peerId: hostJoin.peerId,
      participantId: host.participantId,
      sendTransport: hostMedia.send,
      recvTransport: hostMedia.recv,
      producer: hostMedia.camera,
      consumer: hostConsumer,
      roomPeer: guestJoin.peerId,
      roomParticipant: guest.participantId,
      roomProducer: guestProducer,
      roomTransport: guestT.send,
    });
    stances.set('guest', {
      client: guest.client,
      callId: meeting.meetingId,
      peerId: guestJoin.peerId,
      participantId: guest.participantId,
      sendTransport: guestT.send,
      recvTransport: guestT.recv,
      producer: guestProducer,
      consumer: guestConsumer,
      roomPeer: hostJoin.peerId,
      roomParticipant: host.participantId,
      roomProducer: hostMedia.camera,
      roomTransport: hostMedia.send,
    });
    stances.set('waiting', {
      client: waiting.client,
      callId: meeting.meetingId,
      participantId: waiting.participantId,
      roomPeer: hostJoin.peerId,
      roomParticipant: host.participantId,
      roomProducer: hostMedia.camera,
      roomTransport: hostMedia.send,
    });
    for (const s of STANCES) if (!stances.has(s)) throw new Error(`no socket for ${s}`);
    this.#stances = stances;
  }

  #openRoomPeer(): Partial<Holdings> {
    return {
      roomPeer: this.#openRoom.peer,
      roomProducer: this.#openRoom.producer,
      roomTransport: this.#openRoom.transport,
    };
  }

  client(stance: Stance): TestClient {
    const h = this.#stances.get(stance);
    if (!h) throw new Error('startEpisode() first');
    return h.client;
  }

  /** The id an IdRef stands for, from this stance's point of view (a fresh UUID if it has none). */
  idFor(stance: Stance, kind: IdKind): string {
    const h = this.#stances.get(stance);
    const o = this.#otherRoom;
    const table: Record<IdKind, string | undefined> = {
      ownSendTransport: h?.sendTransport,
      ownRecvTransport: h?.recvTransport,
      ownProducer: h?.producer,
      ownConsumer: h?.consumer,
      ownPeer: h?.peerId,
      ownParticipant: h?.participantId,
      ownCallId: h?.callId,
      roomPeer: h?.roomPeer,
      roomParticipant: h?.roomParticipant,
      roomProducer: h?.roomProducer,
      roomTransport: h?.roomTransport,
      otherRoomCallId: o.callId,
      otherRoomPeer: o.peer,
      otherRoomProducer: o.producer,
      otherRoomTransport: o.transport,
      otherRoomConsumer: o.consumer,
      waitingParticipant: this.#waitingParticipant,
      randomUuid: undefined,
    };
    return table[kind] ?? randomUUID();
  }

  /** The payload with every IdRef replaced by a real id and router-capability markers filled in. */
  resolve(stance: Stance, value: unknown, depth = 0): unknown {
    if (value instanceof IdRef) return this.idFor(stance, value.kind);
    if (depth > 6 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(stance, v, depth + 1));
    const record = value as Record<string, unknown>;
    if (record.routerCaps === true && Object.keys(record).length === 1) return structuredClone(this.caps);
    // A copy (the generated value stays as it was, for replay and shrinking), keeping keys such as
    // "__proto__" as own properties, as JSON.parse made them.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      const v = this.resolve(stance, record[key], depth + 1);
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  closeEpisode(): void {
    const clients = this.fixture.clients;
    for (const h of this.#stances.values()) {
      h.client.close();
      if (clients.includes(h.client)) clients.splice(clients.indexOf(h.client), 1);
    }
    // The fixture lists every socket it opened: keep only the live ones (the keepers) listed.
    for (let i = clients.length - 1; i >= 0; i--) if (clients[i]!.socket.disconnected) clients.splice(i, 1);
    this.#stances.clear();
  }

  /** Every socket of the run, keepers included. */
  closeAll(): void {
    this.closeEpisode();
    this.fixture.closeClients();
    for (const k of this.#keepers) k.close();
  }
}
