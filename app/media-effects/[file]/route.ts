/**
 * GET /media-effects/<file> → one of the media-effect files (segmentation model and wasm, RNNoise
 * wasm), streamed from the npm package that ships it. Unknown names are 404; nothing else of
 * node_modules is reachable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { NextResponse } from 'next/server';
import { EFFECT_ASSETS } from '@/lib/media/effects/effectAssets';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const asset = Object.hasOwn(EFFECT_ASSETS, file) ? EFFECT_ASSETS[file] : undefined;
  if (!asset)
    return NextResponse.json({ error: { code: 'NOT_FOUND', message: 'no such file' } }, { status: 404 });
  const onDisk = path.join(process.cwd(), 'node_modules', asset.packageName, asset.file);
  let size: number;
  try {
    size = (await fs.promises.stat(onDisk)).size;
  } catch {
    return NextResponse.json(
      { error: { code: 'NOT_FOUND', message: `${asset.packageName} is not installed` } },
      { status: 404 },
    );
  }
  const body = Readable.toWeb(fs.createReadStream(onDisk)) as ReadableStream<Uint8Array>;
  return new NextResponse(body, {
    headers: {
      'content-type': asset.contentType,
      'content-length': String(size),
      // The packages are pinned in package-lock.json: a day of caching spares the 6 MB on every join.
      'cache-control': 'public, max-age=86400',
    },
  });
}
