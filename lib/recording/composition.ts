/**
 * The ffmpeg command line of one recording segment, as a pure function of the scene. Inputs:
 * 0 a paced background colour (the canvas), 1 paced silence (so every segment has audio), and 2
 * the SDP of the consumers' RTP streams (absent when nobody sends anything). Filters: name cards
 * are boxes with text drawn on the canvas, each camera or screen is scaled into its tile and laid
 * over it; voices are mixed over the silence. Every segment is encoded with the same parameters
 * (H.264 + AAC in MPEG-TS) so the segments concatenate into one MP4 without re-encoding; MPEG-TS
 * because a segment cut short (a killed process) stays readable.
 */
import type { Scene } from './layout';

export const OUTPUT = {
  width: 960,
  height: 540,
  fps: 15,
  /** A keyframe every 2 s. */
  gop: 30,
  audioRate: 48_000,
} as const;

/** Where the font for name cards lives (Debian's fonts-dejavu-core). */
export const CARD_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const CANVAS_COLOR = '0x121212';
const CARD_COLOR = '0x2a2a2e';

export interface SegmentInputs {
  scene: Scene;
  /** Stream index in the SDP of each video stream key the scene shows. */
  videoIndex: ReadonlyMap<string, number>;
  /** SDP stream indexes of the voices to mix. */
  audioIndexes: readonly number[];
  /** Path of the SDP file; null when there are no streams. */
  sdpPath: string | null;
  /** Text file with each name card's name, in the order of the scene's card tiles. */
  cardTextPaths: readonly string[];
  /** Null when the font is missing: cards are then plain boxes. */
  fontPath: string | null;
  outputPath: string;
  /** Encoder threads (bounds the CPU one recording takes). */
  threads: number;
}

/** Escapes a value for use inside a filtergraph option (file paths we create ourselves). */
function escapeFilterValue(value: string): string {
  return value.replace(/[\\':,;[\]=]/g, (c) => `\\${c}`);
}

export function filterGraph(inputs: SegmentInputs): string {
  const { scene } = inputs;
  const chains: string[] = [];
  const cards: string[] = [];
  let card = 0;
  for (const t of scene.tiles) {
    if (t.content.kind !== 'card') continue;
    cards.push(`drawbox=x=${t.x}:y=${t.y}:w=${t.w}:h=${t.h}:color=${CARD_COLOR}:t=fill`);
    const textPath = inputs.cardTextPaths[card++];
    if (inputs.fontPath && textPath) {
      const size = Math.max(12, Math.min(40, Math.round(t.h / 7)));
      cards.push(
        `drawtext=fontfile='${escapeFilterValue(inputs.fontPath)}':textfile='${escapeFilterValue(textPath)}'` +
          `:expansion=none:fontcolor=white:fontsize=${size}` +
          `:x=${t.x}+(${t.w}-text_w)/2:y=${t.y}+(${t.h}-text_h)/2`,
      );
    }
  }
  chains.push(`[0:v]${cards.length > 0 ? cards.join(',') : 'null'}[c0]`);

  let base = 'c0';
  let n = 0;
  for (const t of scene.tiles) {
    if (t.content.kind !== 'video') continue;
    const index = inputs.videoIndex.get(t.content.stream);
    if (index === undefined) continue;
    n++;
    chains.push(
      `[2:${index}]scale=${t.w}:${t.h}:force_original_aspect_ratio=decrease:flags=fast_bilinear,` +
        `pad=${t.w}:${t.h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1[t${n}]`,
    );
    chains.push(`[${base}][t${n}]overlay=x=${t.x}:y=${t.y}:eof_action=repeat[c${n}]`);
    base = `c${n}`;
  }
  chains.push(`[${base}]format=yuv420p[vout]`);

  const voices = inputs.audioIndexes.map((index, i) => {
    chains.push(`[2:${index}]aresample=${OUTPUT.audioRate}:async=1:first_pts=0[a${i}]`);
    return `[a${i}]`;
  });
  chains.push(
    voices.length === 0
      ? '[1:a]anull[aout]'
      : `[1:a]${voices.join('')}amix=inputs=${voices.length + 1}:duration=first:dropout_transition=0:normalize=0[aout]`,
  );
  return chains.join(';');
}

export function segmentArgs(inputs: SegmentInputs): string[] {
  const { width, height, fps, gop, audioRate } = OUTPUT;
  const args = [
    '-hide_banner',
    '-loglevel',
    'warning',
    '-nostats',
    '-progress',
    'pipe:1',
    '-stats_period',
    '0.25',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `color=c=${CANVAS_COLOR}:s=${width}x${height}:r=${fps}`,
    '-re',
    '-f',
    'lavfi',
    '-i',
    `anullsrc=r=${audioRate}:cl=stereo`,
  ];
  if (inputs.sdpPath) {
    args.push(
      '-protocol_whitelist',
      'file,udp,rtp',
      // Arrival time as timestamps: every stream shares one clock whatever its sender's.
      '-use_wallclock_as_timestamps',
      '1',
      // A sender changing resolution must not rebuild the graph (and restart the canvas).
      '-reinit_filter',
      '0',
      // Probe briefly: keyframes are requested as soon as ffmpeg listens.
      '-analyzeduration',
      '300000',
      '-probesize',
      '1000000',
      '-thread_queue_size',
      '1024',
      '-f',
      'sdp',
      '-i',
      inputs.sdpPath,
    );
  }
  args.push(
    '-filter_complex',
    filterGraph(inputs),
    '-filter_complex_threads',
    '1',
    '-map',
    '[vout]',
    '-map',
    '[aout]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(fps),
    '-g',
    String(gop),
    '-crf',
    '26',
    '-maxrate',
    '1500k',
    '-bufsize',
    '3000k',
    '-threads',
    String(inputs.threads),
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-ar',
    String(audioRate),
    '-ac',
    '2',
    '-f',
    'mpegts',
    '-y',
    inputs.outputPath,
  );
  return args;
}

/** Joins finished segments into one MP4 without re-encoding (the concat demuxer). */
export function concatArgs(listPath: string, outputPath: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    listPath,
    '-map',
    '0',
    '-c',
    'copy',
    // Frames onto one exact 1/fps grid: segments start on grids of their own, and two frames of
    // neighbouring segments must never share a timestamp once a player rounds them to frames.
    '-bsf:v',
    `setts=ts=N/(${OUTPUT.fps}*TB)`,
    '-bsf:a',
    'aac_adtstoasc',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    outputPath,
  ];
}

export interface ConcatPart {
  file: string;
  /** Where to cut the segment, in its own timestamps (seconds). */
  outpoint: number;
}

/** The concat demuxer's list file: a `file` and `outpoint` line per segment (paths quoted). */
export function concatList(parts: readonly ConcatPart[]): string {
  return parts
    .map((p) => `file '${p.file.replace(/'/g, "'\\''")}'\noutpoint ${p.outpoint.toFixed(3)}\n`)
    .join('');
}
