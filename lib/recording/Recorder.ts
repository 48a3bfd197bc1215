/**
 * Records one meeting's room. Composition: ffmpeg takes a fixed list of inputs, so whenever the
 * picture changes (someone joins, leaves, mutes, turns a camera off, shares, or another person
 * speaks) the recorder starts a new segment with the new inputs, and once it writes frames it
 * finishes the previous one; at the end the segments, all encoded alike, are joined into one MP4
 * without re-encoding. This keeps each ffmpeg simple and lets a broken stream cost one segment,
 * not the recording. Changes are applied after they have held for a moment (a newcomer's camera
 * and microphone arrive one after the other), and speaker changes at most every few seconds,
 * since each segment costs ffmpeg a start.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { Logger } from '@/lib/log';
import type { Room } from '@/lib/sfu/Room';
import type { PortAllocator } from './PortAllocator';
import { planFor, type Plan } from './scenePlan';
import { Segment } from './Segment';

export interface RecorderOptions {
  room: Room;
  /** Working folder for the segments. */
  dir: string;
  ports: PortAllocator;
  ffmpegPath: string;
  fontPath: string | null;
  /** Encoder threads per ffmpeg. */
  threads: number;
  log: Logger;
}

/** Why the recorder ended on its own. */
export type RecorderEnd = 'everyone-left' | 'room-closed' | 'failed';

/**
 * One segment's file and how many seconds of its media to keep: segments overlap while the next
 * one starts, so each keeps only what comes before the next one's start (null: all of it).
 */
export interface SegmentPart {
  file: string;
  keepS: number | null;
}

export interface RecorderResult {
  /** The segment files with something in them, in order, with how much of each to keep. */
  segments: SegmentPart[];
  /** Average CPU of the recording's ffmpeg processes, in % of one core. */
  cpuPercent: number | null;
}

const TICK_MS = 500;
/** A change must hold this long before it is recorded. */
const SETTLE_MS = 1_000;
/** The person speaking changes the picture at most this often. */
const SPEAKER_HOLD_MS = 8_000;
/** A segment that writes nothing for this long is replaced. */
const STALL_MS = 4_000;
/** With nothing written for this long, the recording has failed. */
const GIVE_UP_MS = 30_000;

export class Recorder extends EventEmitter<{ ended: [RecorderEnd] }> {
  readonly #opts: RecorderOptions;
  readonly #segments: Segment[] = [];
  #current: Segment | null = null;
  #currentSince = 0;
  #nextIndex = 1;
  #pending: { key: string; since: number } | null = null;
  #switching: Promise<void> | null = null;
  #failures = 0;
  #lastGoodAt = Date.now();
  readonly #cpu = new Map<Segment, number>();
  readonly #startedAt = Date.now();
  #timer: NodeJS.Timeout | null = null;
  #stopping: Promise<RecorderResult> | null = null;

  private constructor(opts: RecorderOptions) {
    super();
    this.#opts = opts;
  }

  /**
   * Starts recording: resolves once the first segment writes frames, so that whoever is told
   * "recording" is recorded from then on. If the first segment cannot start, one more try is made
   * with name cards only (no video to decode); then it gives up.
   */
  static async start(opts: RecorderOptions): Promise<Recorder> {
    await fs.promises.mkdir(opts.dir, { recursive: true });
    const recorder = new Recorder(opts);
    for (const cardsOnly of [false, true]) {
      const first = await recorder.#segment(planFor(opts.room, { cardsOnly }));
      try {
        await first.started;
      } catch (err) {
        opts.log.warn({ err, tail: first.ffmpeg.stderrTail.slice(-5) }, 'the first segment did not start');
        await first.stop();
        continue;
      }
      recorder.#current = first;
      recorder.#currentSince = Date.now();
      break;
    }
    if (!recorder.#current) {
      await recorder.stop();
      throw new Error('the recording could not start');
    }
    recorder.#timer = setInterval(() => recorder.#tick(), TICK_MS);
    recorder.#timer.unref();
    return recorder;
  }

  /** Finishes the current segment and returns the usable ones. Idempotent. */
  stop(): Promise<RecorderResult> {
    this.#stopping ??= (async () => {
      if (this.#timer) clearInterval(this.#timer);
      this.#timer = null;
      await this.#switching?.catch(() => undefined);
      this.#sampleCpu();
      await Promise.all(this.#segments.map((s) => s.stop()));
      const used: Segment[] = [];
      for (const s of this.#segments) if (s.mediaZeroAt !== null && (await s.usable())) used.push(s);
      const segments = used.map((s, i) => {
        const next = used[i + 1]?.mediaZeroAt;
        const keepS =
          next != null && s.mediaZeroAt !== null ? Math.max(0, next - s.mediaZeroAt) / 1000 : null;
        return { file: s.path, keepS };
      });
      const cpuSeconds = [...this.#cpu.values()].reduce((a, b) => a + b, 0);
      const wallSeconds = (Date.now() - this.#startedAt) / 1000;
      const cpuPercent = this.#cpu.size > 0 ? Math.round((cpuSeconds / wallSeconds) * 100) : null;
      this.#opts.log.info({ segments: segments.length, cpuPercent, wallSeconds }, 'recorder stopped');
      return { segments, cpuPercent };
    })();
    return this.#stopping;
  }

  get segmentCount(): number {
    return this.#segments.length;
  }

  #tick(): void {
    if (this.#stopping) return;
    const { room } = this.#opts;
    this.#sampleCpu();
    if (room.closed) return void this.emit('ended', 'room-closed');
    if (room.peers.size === 0) return void this.emit('ended', 'everyone-left');
    if (this.#switching) return;
    const now = Date.now();
    const current = this.#current;
    if (current?.progressing(STALL_MS)) this.#lastGoodAt = now;
    else if (now - this.#lastGoodAt > GIVE_UP_MS) return void this.emit('ended', 'failed');

    const stalled = !current || (now - this.#currentSince > STALL_MS && !current.progressing(STALL_MS));
    const plan = planFor(room, { cardsOnly: this.#failures >= 2 });
    const currentPlan = current?.plan as Plan | undefined;
    if (!stalled && currentPlan?.key === plan.key) {
      this.#pending = null;
      return;
    }
    // A stream of the current segment went away: ffmpeg waits for it, so switch at once.
    const lost =
      currentPlan !== undefined && streamsOf(currentPlan).some((id) => !streamsOf(plan).includes(id));
    if (!stalled && !lost) {
      if (this.#pending?.key !== plan.key) {
        this.#pending = { key: plan.key, since: now };
        return;
      }
      if (now - this.#pending.since < SETTLE_MS) return;
      const speakerOnly = currentPlan?.structureKey === plan.structureKey;
      if (speakerOnly && now - this.#currentSince < SPEAKER_HOLD_MS) return;
    }
    this.#pending = null;
    this.#switching = this.#switch(plan).finally(() => {
      this.#switching = null;
    });
  }

  async #segment(plan: Plan): Promise<Segment> {
    const { room } = this.#opts;
    const router = room.router;
    const segment = await Segment.start({
      router,
      bring: (producerId) => room.routers.bring(producerId, router),
      plan,
      dir: this.#opts.dir,
      index: this.#nextIndex++,
      ports: this.#opts.ports,
      ffmpegPath: this.#opts.ffmpegPath,
      fontPath: this.#opts.fontPath,
      threads: this.#opts.threads,
    });
    this.#segments.push(segment);
    return segment;
  }

  /** Starts a segment for `plan`; once it writes frames, it replaces the current one. */
  async #switch(plan: Plan): Promise<void> {
    const { log } = this.#opts;
    let next: Segment | null = null;
    try {
      next = await this.#segment(plan);
      await next.started;
    } catch (err) {
      this.#failures++;
      log.warn({ err, tail: next?.ffmpeg.stderrTail.slice(-5) }, 'recording segment failed to start');
      await next?.stop();
      return;
    }
    this.#failures = 0;
    const previous = this.#current;
    this.#current = next;
    this.#currentSince = Date.now();
    this.#lastGoodAt = Date.now();
    log.debug({ segment: next.index, mode: plan.scene.mode, tiles: plan.scene.tiles.length }, 'segment');
    if (previous) {
      this.#sampleCpu();
      await previous.stop();
    }
  }

  /** Remembers each running ffmpeg's CPU time (read while it runs: it is gone after exit). */
  #sampleCpu(): void {
    for (const s of this.#segments) {
      const cpu = s.ffmpeg.cpuSeconds();
      if (cpu !== null) this.#cpu.set(s, cpu);
    }
  }
}

/** The producers a plan records (videos shown and voices mixed). */
function streamsOf(plan: Plan): string[] {
  const videos = plan.scene.tiles.flatMap((t) => (t.content.kind === 'video' ? [t.content.stream] : []));
  return [...videos, ...plan.audio];
}
