/** What a recorded file holds, read with ffprobe/ffmpeg: streams, duration, motion and loudness. */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export interface ProbedFile {
  streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }>;
  durationS: number;
  formatName: string;
}

export function probeFile(file: string): ProbedFile {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]);
  const json = JSON.parse(out.toString()) as {
    streams: ProbedFile['streams'];
    format: { duration: string; format_name: string };
  };
  return {
    streams: json.streams,
    durationS: Number(json.format.duration),
    formatName: json.format.format_name,
  };
}

/** A hash of the decoded picture at `seconds` (equal hashes: the same frame). */
export function frameHash(file: string, seconds: number): string {
  const raw = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  if (raw.length === 0) throw new Error(`no frame at ${seconds} s`);
  return createHash('sha256').update(raw).digest('hex');
}

/** Mean loudness in dB (volumedetect); about -91 for digital silence. */
export function meanVolumeDb(file: string): number {
  const res = spawnSync('ffmpeg', [
    '-v',
    'info',
    '-i',
    file,
    '-map',
    '0:a',
    '-af',
    'volumedetect',
    '-f',
    'null',
    '-',
  ]);
  const match = /mean_volume:\s*(-?[\d.]+) dB/.exec(res.stderr.toString());
  if (!match) throw new Error('volumedetect printed no mean volume');
  return Number(match[1]);
}

/** Decoding errors of the whole file (empty when it plays cleanly). */
export function decodeErrors(file: string): string {
  const res = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
  return res.stderr.toString().trim();
}
