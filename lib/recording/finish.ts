/** Turning a recording's segments into its one MP4, and reading the result's duration. */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { OUTPUT, concatArgs, concatList, type ConcatPart } from './composition';
import type { SegmentPart } from './Recorder';

const run = promisify(execFile);
const FINISH_TIMEOUT_MS = 60_000;

/** ffprobe next to the configured ffmpeg (both come with Debian's ffmpeg package). */
export function ffprobeFor(ffmpegPath: string): string {
  return ffmpegPath.replace(/ffmpeg(\.exe)?$/, 'ffprobe$1');
}

/**
 * Joins the segments (in order) into `output` without re-encoding. Each segment is cut where its
 * video ends, so the next one's first frame never lands on (or before) the previous one's last;
 * segments without a single video frame are left out. Returns how many segments were joined.
 */
export async function joinSegments(
  ffmpegPath: string,
  segments: readonly SegmentPart[],
  output: string,
): Promise<number> {
  const parts: ConcatPart[] = [];
  for (const { file, keepS } of segments) {
    const video = await videoSpanS(ffmpegPath, file).catch(() => null);
    if (video === null) continue;
    const end = keepS === null ? video.end : Math.min(video.end, video.start + keepS);
    if (end > video.start) parts.push({ file, outpoint: end });
  }
  if (parts.length === 0) throw new Error('nothing was recorded');
  const list = path.join(path.dirname(output), 'segments.txt');
  await fs.writeFile(list, concatList(parts));
  await run(ffmpegPath, concatArgs(list, output), { timeout: FINISH_TIMEOUT_MS });
  return parts.length;
}

/** A segment's first video timestamp and its end (last frame plus one), in seconds; null if none. */
async function videoSpanS(ffmpegPath: string, file: string): Promise<{ start: number; end: number } | null> {
  const { stdout } = await run(
    ffprobeFor(ffmpegPath),
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file],
    { timeout: FINISH_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 },
  );
  let first: number | null = null;
  let last: number | null = null;
  for (const line of stdout.split('\n')) {
    const t = Number(line.trim());
    if (line.trim() === '' || !Number.isFinite(t)) continue;
    if (first === null || t < first) first = t;
    if (last === null || t > last) last = t;
  }
  return first === null || last === null ? null : { start: first, end: last + 1 / OUTPUT.fps };
}

/** The file's duration in milliseconds, as ffprobe reads it. */
export async function probeDurationMs(ffmpegPath: string, file: string): Promise<number> {
  const { stdout } = await run(
    ffprobeFor(ffmpegPath),
    ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file],
    { timeout: FINISH_TIMEOUT_MS },
  );
  const seconds = Number(stdout.trim());
  if (!Number.isFinite(seconds)) throw new Error(`cannot read the duration of ${path.basename(file)}`);
  return Math.round(seconds * 1000);
}

/** The segment files left in a working folder, in recording order (kept whole). */
export async function segmentsIn(dir: string): Promise<SegmentPart[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const files = names.filter((n) => /^segment-\d{4}\.ts$/.test(n)).sort();
  const usable: SegmentPart[] = [];
  for (const name of files) {
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat && stat.size > 0) usable.push({ file: path.join(dir, name), keepS: null });
  }
  return usable;
}
