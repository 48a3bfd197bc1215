/**
 * One stretch of a recording with a fixed set of streams and a fixed picture: for each stream a
 * mediasoup PlainTransport (on 127.0.0.1, RTCP on its own port as ffmpeg expects) with a consumer
 * sending to ffmpeg's port, one SDP naming them all, and one ffmpeg composing and encoding them.
 * Consumers start paused and are resumed once ffmpeg runs; keyframes are requested until the
 * first frame is out, so a segment does not wait for a sender's next periodic keyframe.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { segmentArgs } from './composition';
import { FfmpegProcess, type FfmpegExit } from './FfmpegProcess';
import type { Scene } from './layout';
import type { PortAllocator } from './PortAllocator';
import { buildSdp, isRecordable, type SdpStream } from './sdp';

/** What a segment records: the picture, and the producers of its voices. */
export interface SegmentPlan {
  scene: Scene;
  /** Producer ids of the voices to mix. */
  audio: readonly string[];
}

export interface SegmentOptions {
  router: types.Router;
  /**
   * Makes a producer consumable on `router` (a meeting spread over several workers pipes it
   * there); false if it is gone. Without it, producers must already be on `router`.
   */
  bring?: (producerId: string) => Promise<boolean>;
  plan: SegmentPlan;
  /** Folder of the recording's working files. */
  dir: string;
  index: number;
  ports: PortAllocator;
  ffmpegPath: string;
  fontPath: string | null;
  threads: number;
}

interface Feed {
  transport: types.PlainTransport;
  consumer: types.Consumer;
  port: number;
}

const KEYFRAME_EVERY_MS = 500;
/** A segment that writes no frame within this long has failed to start. */
export const START_TIMEOUT_MS = 4_500;

export class Segment {
  readonly index: number;
  readonly path: string;
  readonly plan: SegmentPlan;
  readonly #feeds: Feed[];
  readonly #ffmpeg: FfmpegProcess;
  readonly #ports: PortAllocator;
  /** Resolves once the first frame is written; rejects if ffmpeg exits or stalls before. */
  readonly started: Promise<void>;
  #stopped: Promise<FfmpegExit> | null = null;
  #mediaZeroAt: number | null = null;

  private constructor(opts: SegmentOptions, feeds: Feed[], ffmpeg: FfmpegProcess, file: string) {
    this.index = opts.index;
    this.plan = opts.plan;
    this.path = file;
    this.#feeds = feeds;
    this.#ffmpeg = ffmpeg;
    this.#ports = opts.ports;
    // When the segment's media time 0 was, in wall time: the first report with frames, minus the
    // media written by then (the canvas is paced in real time from ffmpeg's start of work).
    const onProgress = (frames: number, outTimeUs: number) => {
      if (frames === 0) return;
      this.#mediaZeroAt = Date.now() - outTimeUs / 1000;
      ffmpeg.off('progress', onProgress);
    };
    ffmpeg.on('progress', onProgress);
    this.started = this.#waitForFirstFrame();
    this.started.catch(() => undefined);
  }

  static async start(opts: SegmentOptions): Promise<Segment> {
    const { router, plan } = opts;
    const name = `segment-${String(opts.index).padStart(4, '0')}`;
    const videoKeys = plan.scene.tiles.flatMap((t) => (t.content.kind === 'video' ? [t.content.stream] : []));
    const feeds: Feed[] = [];
    const streams: SdpStream[] = [];
    const videoIndex = new Map<string, number>();
    const audioIndexes: number[] = [];
    try {
      for (const [producerId, kind] of [
        ...videoKeys.map((id) => [id, 'video'] as const),
        ...plan.audio.map((id) => [id, 'audio'] as const),
      ]) {
        const feed = await openFeed(router, producerId, opts);
        if (!feed) continue;
        const codec = feed.consumer.rtpParameters.codecs[0];
        if (!codec || !isRecordable(codec.mimeType)) {
          closeFeed(feed, opts.ports);
          continue;
        }
        feeds.push(feed);
        const index = streams.length;
        streams.push({
          kind,
          port: feed.port,
          payloadType: codec.payloadType,
          mimeType: codec.mimeType,
          clockRate: codec.clockRate,
          channels: codec.channels,
          parameters: codec.parameters as Record<string, string | number> | undefined,
        });
        if (kind === 'video') videoIndex.set(producerId, index);
        else audioIndexes.push(index);
      }
      const sdpPath = streams.length > 0 ? path.join(opts.dir, `${name}.sdp`) : null;
      if (sdpPath) await fs.writeFile(sdpPath, buildSdp(streams));
      const cardTextPaths: string[] = [];
      for (const tile of plan.scene.tiles) {
        if (tile.content.kind !== 'card') continue;
        const file = path.join(opts.dir, `${name}-card-${cardTextPaths.length}.txt`);
        await fs.writeFile(file, tile.content.name);
        cardTextPaths.push(file);
      }
      const output = path.join(opts.dir, `${name}.ts`);
      const ffmpeg = new FfmpegProcess(
        opts.ffmpegPath,
        segmentArgs({
          scene: plan.scene,
          videoIndex,
          audioIndexes,
          sdpPath,
          cardTextPaths,
          fontPath: opts.fontPath,
          outputPath: output,
          threads: opts.threads,
        }),
      );
      const segment = new Segment(opts, feeds, ffmpeg, output);
      await Promise.all(feeds.map((f) => f.consumer.resume().catch(() => undefined)));
      return segment;
    } catch (err) {
      for (const feed of feeds) closeFeed(feed, opts.ports);
      throw err;
    }
  }

  /** Wall-clock time (epoch ms) of this segment's media time 0; null before its first frame. */
  get mediaZeroAt(): number | null {
    return this.#mediaZeroAt;
  }

  get ffmpeg(): FfmpegProcess {
    return this.#ffmpeg;
  }

  /** Whether ffmpeg is still writing (it wrote a frame within `withinMs`). */
  progressing(withinMs: number): boolean {
    return this.#ffmpeg.running && Date.now() - this.#ffmpeg.lastProgressAt < withinMs;
  }

  /** Finishes the segment file, then frees the consumers and ports. Idempotent. */
  stop(): Promise<FfmpegExit> {
    this.#stopped ??= (async () => {
      const exit = await this.#ffmpeg.stop();
      for (const feed of this.#feeds) closeFeed(feed, this.#ports);
      return exit;
    })();
    return this.#stopped;
  }

  /** Whether the segment left a file with something in it (joining checks for video frames). */
  async usable(): Promise<boolean> {
    const stat = await fs.stat(this.path).catch(() => null);
    return stat !== null && stat.size > 0;
  }

  async #waitForFirstFrame(): Promise<void> {
    const ffmpeg = this.#ffmpeg;
    const videos = this.#feeds.filter((f) => f.consumer.kind === 'video');
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (ffmpeg.frames === 0) {
      if (!ffmpeg.running) {
        const why = ffmpeg.stderrTail.slice(-3).join(' | ') || 'no output';
        throw new Error(`ffmpeg exited before recording anything: ${why}`);
      }
      if (Date.now() > deadline) throw new Error('the recording segment did not start in time');
      for (const f of videos) await f.consumer.requestKeyFrame().catch(() => undefined);
      await new Promise((r) => setTimeout(r, KEYFRAME_EVERY_MS));
    }
  }
}

/** The codecs the recorder can receive: the router's, without retransmission streams. */
function recorderCapabilities(router: types.Router): types.RtpCapabilities {
  const caps = router.rtpCapabilities;
  return {
    codecs: (caps.codecs ?? [])
      .filter((c) => isRecordable(c.mimeType))
      .map((c) => ({ ...c, rtcpFeedback: [] })),
    headerExtensions: [],
  };
}

async function openFeed(
  router: types.Router,
  producerId: string,
  { ports, bring }: Pick<SegmentOptions, 'ports' | 'bring'>,
): Promise<Feed | null> {
  if (bring && !(await bring(producerId).catch(() => false))) return null;
  const rtpCapabilities = recorderCapabilities(router);
  if (!router.canConsume({ producerId, rtpCapabilities })) return null;
  const port = await ports.allocatePair();
  let transport: types.PlainTransport | undefined;
  try {
    transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: false,
      comedia: false,
      appData: { recording: true },
    });
    await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
    const consumer = await transport.consume({ producerId, rtpCapabilities, paused: true });
    if (consumer.type === 'simulcast' || consumer.type === 'svc') {
      // Tiles are at most 960x540: the middle layer is enough and costs less to decode.
      await consumer.setPreferredLayers({ spatialLayer: 1, temporalLayer: 2 }).catch(() => undefined);
    }
    return { transport, consumer, port };
  } catch (err) {
    transport?.close();
    ports.release(port);
    // The producer went away while the segment was being set up: record without it.
    if (err instanceof Error && /not found|closed/i.test(err.message)) return null;
    throw err;
  }
}

function closeFeed(feed: Feed, ports: PortAllocator): void {
  feed.transport.close();
  ports.release(feed.port);
}
