/**
 * Meetings with owners, for tests of the meeting rules against a real test server: creates a host
 * account and its meeting in the server's database, signs meeting tokens with the server's key,
 * and connects TestClients that present them at the handshake (`auth: { token, meetingId }`).
 */
import { randomUUID } from 'node:crypto';
import { getAuthSecret } from '@/lib/auth/authSecret';
import { signMeetingToken } from '@/lib/auth/meetingToken';
import { createMeeting, type MeetingSettings } from '@/lib/db/meetings';
import { createUser, type User } from '@/lib/db/users';
import type { Ack, ErrorCode, ProducerInfo, ResultMap, Role } from '@/lib/protocol';
import { openTransports, publish } from './callFlow';
import { clientRtpCapabilities } from './fakeMedia';
import { TestClient } from './testClient';
import type { TestServer } from './testServer';

export interface OwnedMeeting {
  meetingId: string;
  owner: User;
}

export interface Participant {
  client: TestClient;
  participantId: string;
  meetingId: string;
  /** The role the token grants. */
  role: Role;
  /** The token presented at the handshake. */
  token: string;
}

export type JoinResult = ResultMap['joinRoom'];

let counter = 0;

/** A meeting code nobody else uses in this test run. */
export function uniqueMeetingId(prefix = 'mtg'): string {
  counter++;
  return `${prefix}-${counter}-${randomUUID().slice(0, 8)}`;
}

export class MeetingFixture {
  readonly srv: TestServer;
  readonly secret: Uint8Array;
  /** Every client this fixture connected, for `closeClients`. */
  readonly clients: TestClient[] = [];

  private constructor(srv: TestServer, secret: Uint8Array) {
    this.srv = srv;
    this.secret = secret;
  }

  /** The same key the server signs and verifies meeting tokens with. */
  static async create(srv: TestServer): Promise<MeetingFixture> {
    return new MeetingFixture(srv, await getAuthSecret(srv.config));
  }

  get db() {
    return this.srv.database.db;
  }

  /** A host account and a meeting it owns (defaults: waiting room on, unlocked, guests may share). */
  async ownedMeeting(settings: Partial<MeetingSettings> = {}): Promise<OwnedMeeting> {
    const meetingId = uniqueMeetingId();
    const owner = await createUser(this.db, {
      email: `host-${meetingId}@example.test`,
      passwordHash: 'not-a-real-hash',
      displayName: `Host of ${meetingId}`,
    });
    await createMeeting(this.db, { id: meetingId, ownerId: owner.id, title: 'Test meeting', settings });
    return { meetingId, owner };
  }

  /** A meeting token as the server's token route would issue it. */
  async token(
    meetingId: string,
    role: Role,
    opts: { participantId?: string; userId?: string | null; ttlSeconds?: number; secret?: Uint8Array } = {},
  ): Promise<{ token: string; participantId: string }> {
    const participantId = opts.participantId ?? randomUUID();
    const { token } = await signMeetingToken(
      { participantId, meetingId, role, userId: opts.userId ?? null },
      opts.secret ?? this.secret,
      opts.ttlSeconds,
    );
    return { token, participantId };
  }

  /** Connects a client with this handshake auth (none: an anonymous connection). */
  async connect(auth?: Record<string, unknown>): Promise<TestClient> {
    const client = await TestClient.connect(this.srv.url, auth ? { auth } : {});
    this.clients.push(client);
    return client;
  }

  /** The owner, connected with a host token for their meeting. */
  async host(m: OwnedMeeting): Promise<Participant> {
    return this.participant(m.meetingId, 'host', { participantId: m.owner.id, userId: m.owner.id });
  }

  /** A guest with a token for the meeting (a new browser unless `participantId` is given). */
  async guest(meetingId: string, opts: { participantId?: string } = {}): Promise<Participant> {
    return this.participant(meetingId, 'guest', opts);
  }

  async participant(
    meetingId: string,
    role: Role,
    opts: { participantId?: string; userId?: string | null } = {},
  ): Promise<Participant> {
    const { token, participantId } = await this.token(meetingId, role, opts);
    const client = await this.connect({ token, meetingId });
    return { client, participantId, meetingId, role, token };
  }

  closeClients(): void {
    for (const c of this.clients.splice(0)) c.close();
  }
}

/** createRoom → joinRoom as a browser would; returns the raw joinRoom ack (or createRoom's refusal). */
export async function attemptJoin(
  client: TestClient,
  callId: string,
  userId: string,
): Promise<Ack<JoinResult>> {
  const created = await client.request('createRoom', { callId });
  if (!created.ok) return created;
  const rtpCapabilities = clientRtpCapabilities(created.data.rtpCapabilities);
  return client.request('joinRoom', { callId, userId, rtpCapabilities });
}

/** Joins and returns the joinRoom result; throws with the server's code when refused. */
export async function joinMeeting(client: TestClient, callId: string, userId: string): Promise<JoinResult> {
  const ack = await attemptJoin(client, callId, userId);
  if (!ack.ok)
    throw new Error(`joinRoom ${callId} as ${userId} refused: ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** Joins expecting a refusal; returns its code. */
export async function joinRefused(client: TestClient, callId: string, userId: string): Promise<ErrorCode> {
  const ack = await attemptJoin(client, callId, userId);
  if (ack.ok) throw new Error(`joinRoom ${callId} as ${userId} was expected to be refused but succeeded`);
  return ack.error.code;
}

export interface PublishedMedia {
  send: string;
  recv: string;
  mic: string;
  camera: string;
}

let ssrcBase = 70_000_000;

/** Opens send + recv transports and publishes a microphone and a camera (fresh SSRCs). */
export async function publishMicAndCamera(client: TestClient): Promise<PublishedMedia> {
  const { send, recv } = await openTransports(client);
  ssrcBase += 10;
  const mic = await publish(client, send, 'audio', { ssrc: ssrcBase + 1 });
  const camera = await publish(client, send, 'video', { ssrc: ssrcBase + 2 });
  return { send, recv, mic, camera };
}

/** The producers of a meeting as `viewer` (a joined client) sees them, by producer id. */
export async function producersSeenBy(
  viewer: TestClient,
  callId: string,
): Promise<Map<string, ProducerInfo>> {
  const { producers } = await viewer.ok('getProducers', { callId });
  return new Map(producers.map((p) => [p.producerId, p]));
}

/**
 * A request round trip through the client's (ordered) request queue: every notification the
 * server sent this client before the call has arrived once it resolves.
 */
export async function roundTrip(client: TestClient): Promise<void> {
  await client.raw('getProducers', { callId: 'round-trip' });
}

/**
 * A guest's way into a meeting with a waiting room: joinRoom (WAITING_ROOM), a host or co-host
 * admits them, `admitted` arrives, joinRoom again.
 */
export async function admitAndJoin(
  moderator: TestClient,
  guest: Participant,
  userId: string,
): Promise<JoinResult> {
  const code = await joinRefused(guest.client, guest.meetingId, userId);
  if (code !== 'WAITING_ROOM') throw new Error(`expected WAITING_ROOM for ${userId}, got ${code}`);
  await moderator.ok('admit', { participantId: guest.participantId });
  await guest.client.next('admitted');
  return joinMeeting(guest.client, guest.meetingId, userId);
}
