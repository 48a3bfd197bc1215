/**
 * Fetches meeting tokens from the server for the signaling handshake, and keeps the latest one
 * until shortly before it expires so reconnects reuse it.
 */
import { z } from 'zod';

const tokenSchema = z.object({
  token: z.string(),
  meetingId: z.string(),
  role: z.enum(['host', 'cohost', 'guest']),
  participantId: z.string(),
  expiresAt: z.number(),
});
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type MeetingToken = z.infer<typeof tokenSchema>;

export class MeetingTokenRefused extends Error {
  override readonly name = 'MeetingTokenRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REFRESH_MARGIN_MS = 60_000;

export async function fetchMeetingToken(meetingId: string): Promise<MeetingToken> {
  const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/token`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorSchema.safeParse(body);
    throw parsed.success
      ? new MeetingTokenRefused(parsed.data.error.code, parsed.data.error.message)
      : new MeetingTokenRefused('INTERNAL', `the server answered ${res.status}; try again`);
  }
  return tokenSchema.parse(body);
}

/** A handshake-auth provider for CallClient that refreshes the token when it is about to expire. */
export function tokenProvider(meetingId: string, first: MeetingToken) {
  let current = first;
  return async (): Promise<{ token: string; meetingId: string } | null> => {
    if (current.expiresAt - Date.now() < REFRESH_MARGIN_MS) {
      try {
        current = await fetchMeetingToken(meetingId);
      } catch {
        return null; // the handshake then fails with a message the call shows
      }
    }
    return { token: current.token, meetingId };
  };
}
