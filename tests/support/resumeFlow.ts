/** Steps of a signaling drop and resume, driven through the real signaling API. */
import { joinMeeting, type JoinResult, type MeetingFixture, type Participant } from './meetingFixture';
import { TestClient } from './testClient';

export type InCall = Participant & { joined: JoinResult; peerId: string };

/** A participant with a token for `meetingId`, joined (createRoom → joinRoom). */
export async function inCall(
  fx: MeetingFixture,
  meetingId: string,
  name: string,
  opts: { role?: 'host' | 'guest' | 'cohost'; participantId?: string; userId?: string } = {},
): Promise<InCall> {
  const p = await fx.participant(meetingId, opts.role ?? 'guest', opts);
  const joined = await joinMeeting(p.client, meetingId, name);
  return { ...p, joined, peerId: joined.peerId };
}

/** The resume token of the participant's latest joinRoom answer; fails if there is none. */
export function resumeTokenOf(joined: { resumeToken?: string }): string {
  if (!joined.resumeToken) throw new Error('the joinRoom answer carries no resumeToken');
  return joined.resumeToken;
}

/** Connects again as `p` (same meeting token) presenting `resume`; the client is the fixture's. */
export async function reconnect(
  fx: MeetingFixture,
  p: Pick<Participant, 'token' | 'meetingId'>,
  resume: string,
  transports?: Array<'websocket' | 'polling'>,
): Promise<TestClient> {
  const client = await TestClient.connect(fx.srv.url, {
    auth: { token: p.token, meetingId: p.meetingId, resume },
    ...(transports ? { transports } : {}),
  });
  fx.clients.push(client);
  return client;
}
