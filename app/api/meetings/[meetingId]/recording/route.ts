/**
 * GET /api/meetings/<id>/recording → { recording: boolean }: whether the meeting is being recorded
 * now, so the pre-join screen can say so before anyone enters. Tells nothing else.
 */
import { NextResponse } from 'next/server';
import { getDatabase } from '@/lib/db/globalDatabase';
import { isBeingRecorded } from '@/lib/db/recordings';
import { callIdSchema } from '@/lib/protocol';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ meetingId: string }> }) {
  const parsed = callIdSchema.safeParse((await ctx.params).meetingId);
  const headers = { 'cache-control': 'no-store' };
  if (!parsed.success) {
    return NextResponse.json(
      { error: { code: 'BAD_REQUEST', message: 'invalid meeting code' } },
      { status: 400, headers },
    );
  }
  const { db } = await getDatabase();
  return NextResponse.json({ recording: await isBeingRecorded(db, parsed.data) }, { headers });
}
