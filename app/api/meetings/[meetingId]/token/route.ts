/**
 * POST /api/meetings/<id>/token → a short-lived meeting token for the signaling handshake.
 * Same-origin only (checked against Origin); answers JSON, errors as { error: { code, message } }.
 */
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { GUEST_COOKIE, issueMeetingToken } from '@/lib/auth/issueMeetingToken';
import { getRequestInfo } from '@/lib/auth/requestInfo';
import { shouldUseSecureCookie } from '@/lib/auth/sessionCookie';
import { loadConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db/globalDatabase';
import { callIdSchema } from '@/lib/protocol';

export const dynamic = 'force-dynamic';

const GUEST_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

function fail(status: number, code: string, message: string) {
  return NextResponse.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store, no-transform' } },
  );
}

export async function POST(req: NextRequest, ctx: { params: Promise<{ meetingId: string }> }) {
  const origin = req.headers.get('origin');
  const host = req.headers.get('host');
  if (origin && host && new URL(origin).host !== host) {
    return fail(403, 'FORBIDDEN', 'meeting tokens are only issued to this site');
  }
  const parsed = callIdSchema.safeParse((await ctx.params).meetingId);
  if (!parsed.success) return fail(400, 'BAD_REQUEST', 'invalid meeting code');

  const { db } = await getDatabase();
  const jar = await cookies();
  const config = loadConfig();
  const outcome = await issueMeetingToken(
    config,
    db,
    parsed.data,
    await getCurrentUser(),
    jar.get(GUEST_COOKIE)?.value,
  );
  if (!outcome.ok) return fail(outcome.status, outcome.code, outcome.message);

  const res = NextResponse.json(
    {
      token: outcome.token,
      meetingId: parsed.data,
      role: outcome.role,
      participantId: outcome.participantId,
      expiresAt: outcome.expiresAt,
    },
    // no-transform: the answer is a few hundred bytes; gzip would cost more CPU than it saves.
    { headers: { 'cache-control': 'no-store, no-transform' } },
  );
  if (outcome.newGuestId) {
    res.cookies.set(GUEST_COOKIE, outcome.newGuestId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: shouldUseSecureCookie(config.auth.cookieSecure, config.env, await getRequestInfo()),
      path: '/',
      maxAge: GUEST_COOKIE_MAX_AGE_S,
    });
  }
  return res;
}
