/**
 * Meeting tokens at the signaling handshake: a connection presenting a token is refused unless the
 * token is genuine, unexpired, for the meeting asked for and not revoked; `err.data.code` says why.
 * Without a token a connection is an anonymous guest: fine for open meetings, not for owned ones.
 */
import { describe, expect, it } from 'vitest';
import { signMeetingToken } from '@/lib/auth/meetingToken';
import { getMeeting } from '@/lib/db/meetings';
import { ErrorCode } from '@/lib/protocol';
import { joinMeeting, joinRefused, uniqueMeetingId, type OwnedMeeting } from '@/tests/support/meetingFixture';
import { handshakeRefusal } from '@/tests/support/testClient';
import { meetingSuite } from '@/tests/support/meetingSuite';

const suite = meetingSuite();

/** An owned meeting without a waiting room, so guests with a valid token walk straight in. */
function openDoorMeeting(): Promise<OwnedMeeting> {
  return suite.fx.ownedMeeting({ waitingRoom: false });
}

describe('handshake with a meeting token', () => {
  it('accepts a valid token and joins with the role and participant id it carries', async () => {
    const m = await openDoorMeeting();
    const host = await suite.fx.host(m);
    const guest = await suite.fx.guest(m.meetingId);
    const hostJoin = await joinMeeting(host.client, m.meetingId, 'Hanna');
    expect(hostJoin.self).toEqual({ participantId: m.owner.id, role: 'host' });
    expect(hostJoin.meeting).toEqual({
      hosted: true,
      locked: false,
      waitingRoom: false,
      guestsCanShare: true,
      recording: false,
    });
    const guestJoin = await joinMeeting(guest.client, m.meetingId, 'Gus');
    expect(guestJoin.self).toEqual({ participantId: guest.participantId, role: 'guest' });
    expect(guestJoin.peers).toEqual([expect.objectContaining({ userId: 'Hanna', role: 'host' })]);
  });

  it('refuses an expired token (UNAUTHORIZED)', async () => {
    const m = await openDoorMeeting();
    const { token } = await suite.fx.token(m.meetingId, 'guest', { ttlSeconds: -60 });
    expect(await handshakeRefusal(suite.srv.url, { token, meetingId: m.meetingId })).toBe(
      ErrorCode.UNAUTHORIZED,
    );
  });

  it('refuses a token signed with another key (UNAUTHORIZED), even one claiming to be the host', async () => {
    const m = await openDoorMeeting();
    const otherKey = new TextEncoder().encode('x'.repeat(64));
    const { token } = await signMeetingToken(
      { participantId: m.owner.id, meetingId: m.meetingId, role: 'host', userId: m.owner.id },
      otherKey,
    );
    expect(await handshakeRefusal(suite.srv.url, { token, meetingId: m.meetingId })).toBe(
      ErrorCode.UNAUTHORIZED,
    );
  });

  it('refuses a token whose payload was edited after signing (UNAUTHORIZED)', async () => {
    const m = await openDoorMeeting();
    const { token } = await suite.fx.token(m.meetingId, 'guest');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'host' })).toString('base64url');
    expect(
      await handshakeRefusal(suite.srv.url, {
        token: `${header}.${promoted}.${signature}`,
        meetingId: m.meetingId,
      }),
    ).toBe(ErrorCode.UNAUTHORIZED);
    expect(await handshakeRefusal(suite.srv.url, { token: 'not-a-jwt', meetingId: m.meetingId })).toBe(
      ErrorCode.UNAUTHORIZED,
    );
  });

  it('refuses a token for another meeting (FORBIDDEN), and such a token cannot open the other meeting', async () => {
    const a = await openDoorMeeting();
    const b = await openDoorMeeting();
    const { token } = await suite.fx.token(a.meetingId, 'host', { participantId: a.owner.id });
    expect(await handshakeRefusal(suite.srv.url, { token, meetingId: b.meetingId })).toBe(
      ErrorCode.FORBIDDEN,
    );

    // Connected for meeting A, the client may not join meeting B (nor an open meeting).
    const client = await suite.fx.connect({ token, meetingId: a.meetingId });
    expect(await joinRefused(client, b.meetingId, 'sneaky')).toBe(ErrorCode.FORBIDDEN);
    expect(await joinRefused(client, uniqueMeetingId('open'), 'sneaky')).toBe(ErrorCode.FORBIDDEN);
  });

  it("refuses a removed participant's token (REMOVED), and any new token for that participant", async () => {
    const m = await openDoorMeeting();
    const host = await suite.fx.host(m);
    const guest = await suite.fx.guest(m.meetingId);
    await joinMeeting(host.client, m.meetingId, 'Hanna');
    const guestJoin = await joinMeeting(guest.client, m.meetingId, 'Gus');
    await host.client.ok('removeParticipant', { peerId: guestJoin.peerId });
    await guest.client.disconnected();

    expect(await handshakeRefusal(suite.srv.url, { token: guest.token, meetingId: m.meetingId })).toBe(
      ErrorCode.REMOVED,
    );
    const fresh = await suite.fx.token(m.meetingId, 'guest', { participantId: guest.participantId });
    expect(await handshakeRefusal(suite.srv.url, { token: fresh.token, meetingId: m.meetingId })).toBe(
      ErrorCode.REMOVED,
    );
    // The revocation is per meeting: the same participant may still use another meeting.
    const other = await openDoorMeeting();
    const elsewhere = await suite.fx.guest(other.meetingId, { participantId: guest.participantId });
    await suite.fx.host(other).then((h) => joinMeeting(h.client, other.meetingId, 'Other host'));
    expect((await joinMeeting(elsewhere.client, other.meetingId, 'Gus')).self.participantId).toBe(
      guest.participantId,
    );
  });

  it('refuses malformed handshake auth (BAD_REQUEST)', async () => {
    expect(await handshakeRefusal(suite.srv.url, { token: 42 })).toBe(ErrorCode.BAD_REQUEST);
    expect(await handshakeRefusal(suite.srv.url, { token: 'x', meetingId: 'no spaces allowed' })).toBe(
      ErrorCode.BAD_REQUEST,
    );
  });
});

describe('connections without a token', () => {
  it('may start and join an open meeting (an unknown id) as a guest', async () => {
    const callId = uniqueMeetingId('open');
    const first = await suite.fx.connect();
    const second = await suite.fx.connect();
    const a = await joinMeeting(first, callId, 'Ann');
    expect(a.self.role).toBe('guest');
    expect(a.meeting).toEqual({
      hosted: false,
      locked: false,
      waitingRoom: false,
      guestsCanShare: true,
      recording: false,
    });
    const b = await joinMeeting(second, callId, 'Bob');
    expect(b.peers).toEqual([expect.objectContaining({ userId: 'Ann', role: 'guest' })]);
    // The open meeting now exists in storage, without an owner.
    expect(await getMeeting(suite.srv.database.db, callId)).toMatchObject({ id: callId, ownerId: null });
  });

  it('may not join an owned meeting (UNAUTHORIZED), with or without a waiting room', async () => {
    const withLobby = await suite.fx.ownedMeeting();
    const withoutLobby = await openDoorMeeting();
    const anon = await suite.fx.connect();
    expect(await joinRefused(anon, withLobby.meetingId, 'anon')).toBe(ErrorCode.UNAUTHORIZED);
    expect(await joinRefused(anon, withoutLobby.meetingId, 'anon')).toBe(ErrorCode.UNAUTHORIZED);
    // Skipping createRoom does not help.
    const host = await suite.fx.host(withoutLobby);
    const { rtpCapabilities } = await host.client.ok('createRoom', { callId: withoutLobby.meetingId });
    expect(
      await anon.refused('joinRoom', { callId: withoutLobby.meetingId, userId: 'anon', rtpCapabilities }),
    ).toBe(ErrorCode.UNAUTHORIZED);
  });
});
