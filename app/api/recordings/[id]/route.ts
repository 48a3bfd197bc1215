/**
 * GET /api/recordings/<id> → the recording's MP4, for the meeting's owner only (signed in): 403
 * without a session, 404 for anyone else or a recording that is not ready. Byte ranges are
 * honoured so the dashboard's player can seek; `?download=1` asks the browser to save the file.
 */
import { Readable } from 'node:stream';
import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/currentUser';
import { loadConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db/globalDatabase';
import { getRecordingWithOwner } from '@/lib/db/recordings';
import { storageFor } from '@/lib/recording/RecordingStorage';

export const dynamic = 'force-dynamic';

function fail(status: number, code: string, message: string) {
  return NextResponse.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

/** A single `bytes=start-end` range within `size`; null for none or an unsatisfiable one. */
function parseRange(header: string | null, size: number): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'bad';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'bad' : { start, end };
}

export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const user = await getCurrentUser();
  if (!user) return fail(403, 'FORBIDDEN', "sign in as the meeting's owner to download its recordings");
  const { db } = await getDatabase();
  const found = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await getRecordingWithOwner(db, id) : null;
  if (!found || found.ownerId !== user.id || found.recording.state !== 'ready') {
    return fail(404, 'NOT_FOUND', 'no such recording among yours');
  }
  const { recording } = found;
  const storage = storageFor(loadConfig().recording);
  const size = await storage.size(recording.storageKey);
  if (size === null) return fail(404, 'NOT_FOUND', 'the file of this recording is missing on the server');

  const range = parseRange(req.headers.get('range'), size);
  if (range === 'bad') {
    return new NextResponse(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  }
  const headers = new Headers({
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-store',
  });
  if (req.nextUrl.searchParams.get('download') === '1') {
    const day = new Date(recording.startedAt).toISOString().slice(0, 10);
    headers.set('content-disposition', `attachment; filename="recording-${recording.meetingId}-${day}.mp4"`);
  }
  const stream = storage.read(recording.storageKey, range ?? undefined);
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  if (range) {
    headers.set('content-range', `bytes ${range.start}-${range.end}/${size}`);
    headers.set('content-length', String(range.end - range.start + 1));
    return new NextResponse(body, { status: 206, headers });
  }
  headers.set('content-length', String(size));
  return new NextResponse(body, { status: 200, headers });
}
