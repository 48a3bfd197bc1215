/**
 * The recordings of this node: starts and stops each meeting's Recorder, enforces the limits
 * (recordings at once, free disk, maximum length), keeps each recording's database row current,
 * tells the meeting (its flags and a `recordingChanged` announcement), and finishes every
 * recording into one MP4 whatever ends it: the host, the meeting's end, everyone leaving, the
 * time limit, or the server shutting down (close()). Recordings a crashed server left behind are
 * finished from their segments at the next start (recoverUnfinished()).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RecordingConfig } from '@/lib/config';
import type { Db } from '@/lib/db/schema';
import * as rows from '@/lib/db/recordings';
import type { Logger } from '@/lib/log';
import type { LiveMeeting } from '@/lib/meetings/LiveMeeting';
import { can } from '@/lib/meetings/permissions';
import { ErrorCode, ProtocolError, type RecordingStopReason, type Role } from '@/lib/protocol';
import type { Room } from '@/lib/sfu/Room';
import { CARD_FONT } from './composition';
import { joinSegments, probeDurationMs, segmentsIn } from './finish';
import { PortAllocator } from './PortAllocator';
import { Recorder, type RecorderEnd, type SegmentPart } from './Recorder';
import type { RecordingStorage } from './RecordingStorage';

export interface RecordingServiceDeps {
  config: RecordingConfig;
  db: Db;
  storage: RecordingStorage;
  log: Logger;
}

interface Active {
  id: string;
  startedAt: number;
  meeting: LiveMeeting;
  room: Room;
  recorder: Recorder;
  unbind: () => void;
}

/** Encoder threads per recording: bounds one recording to about two cores at most. */
const ENCODER_THREADS = 2;
const MB = 1024 * 1024;

export class RecordingService {
  readonly #deps: RecordingServiceDeps;
  readonly #active = new Map<string, Active>();
  /** Meetings whose recording is starting (the first segment is on its way). */
  readonly #starting = new Set<string>();
  readonly #finishing = new Set<Promise<void>>();
  readonly #ports = new PortAllocator();
  readonly #fontPath = fs.existsSync(CARD_FONT) ? CARD_FONT : null;
  #closed = false;
  #ffmpegChecked: Promise<boolean> | null = null;

  constructor(deps: RecordingServiceDeps) {
    this.#deps = deps;
  }

  /** Recordings running now. */
  get active(): number {
    return this.#active.size;
  }

  isRecording(meetingId: string): boolean {
    return this.#active.has(meetingId);
  }

  /** Who may start or stop recording: hosts and co-hosts; in an open meeting (no host) anyone. */
  static mayRecord(role: Role, hosted: boolean): boolean {
    return hosted ? can(role, 'record') : true;
  }

  async start(
    meeting: LiveMeeting,
    room: Room,
    by: string,
  ): Promise<{ recordingId: string; startedAt: number }> {
    const { config, db, storage, log } = this.#deps;
    const existing = this.#active.get(meeting.id);
    if (existing) return { recordingId: existing.id, startedAt: existing.startedAt };
    if (!meeting.info.settings.allowRecording) {
      throw new ProtocolError(
        ErrorCode.FORBIDDEN,
        meeting.hosted
          ? 'recording is turned off for this meeting; its owner can allow it in the meeting settings'
          : 'open meetings are not recorded; start a meeting from your dashboard to record it',
      );
    }
    if (this.#closed)
      throw new ProtocolError(ErrorCode.DRAINING, 'the server is restarting; record again in a moment');
    if (this.#starting.has(meeting.id)) {
      throw new ProtocolError(ErrorCode.RATE_LIMITED, 'the recording is already starting');
    }
    if (this.#active.size + this.#starting.size >= config.maxConcurrent) {
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        config.maxConcurrent === 0
          ? 'recording is turned off on this server (MAX_RECORDINGS=0)'
          : `this server is already making ${config.maxConcurrent} recordings, its maximum; try again when one has stopped`,
      );
    }
    if (!(await this.#ffmpegAvailable())) {
      throw new ProtocolError(
        ErrorCode.INTERNAL,
        `recording needs ffmpeg, which the server cannot run (${config.ffmpegPath}); its administrator must install it (npm run setup)`,
      );
    }
    const free = await storage.freeBytes().catch(() => 0);
    if (free < config.minFreeBytes) {
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        `not enough free disk space to record (${Math.floor(free / MB)} MB free, ` +
          `${Math.ceil(config.minFreeBytes / MB)} MB needed); the server's administrator must free some space`,
      );
    }
    this.#starting.add(meeting.id);
    const id = randomUUID();
    const recLog = log.child({ recording: id, meeting: meeting.id });
    try {
      const dir = await storage.workDir(id);
      const row = await rows.createRecording(db, {
        id,
        meetingId: meeting.id,
        startedBy: by,
        storageKey: `${id}.mp4`,
      });
      let recorder: Recorder;
      try {
        recorder = await Recorder.start({
          room,
          dir,
          ports: this.#ports,
          ffmpegPath: config.ffmpegPath,
          fontPath: this.#fontPath,
          threads: ENCODER_THREADS,
          log: recLog,
        });
      } catch (err) {
        recLog.error({ err }, 'recording failed to start');
        await rows.markRecordingFailed(db, id, 'the recording could not start').catch(() => undefined);
        await storage.removeWork(id).catch(() => undefined);
        throw new ProtocolError(ErrorCode.INTERNAL, 'the recording could not start on the server; try again');
      }
      const startedAt = row.startedAt;
      const active: Active = { id, startedAt, meeting, room, recorder, unbind: () => undefined };
      active.unbind = this.#bind(active);
      this.#active.set(meeting.id, active);
      meeting.setRecording({ id, startedAt });
      room.broadcast(null, 'recordingChanged', { recording: true, startedAt, by });
      recLog.info({ by }, 'recording started');
      return { recordingId: id, startedAt };
    } finally {
      this.#starting.delete(meeting.id);
    }
  }

  /**
   * Stops the meeting's recording (if any): the meeting is told at once; the returned promise
   * settles once the file is finished (callers answering a request need not wait for it).
   */
  stop(meetingId: string, reason: RecordingStopReason, by = ''): Promise<void> {
    const active = this.#active.get(meetingId);
    if (!active) return Promise.resolve();
    this.#active.delete(meetingId);
    active.unbind();
    active.meeting.setRecording(null);
    if (!active.room.closed) {
      active.room.broadcast(null, 'recordingChanged', { recording: false, startedAt: null, by, reason });
    }
    const finishing = this.#finish(active, reason);
    this.#finishing.add(finishing);
    void finishing.finally(() => this.#finishing.delete(finishing));
    return finishing;
  }

  /** Stops every recording and finishes the files (server shutdown). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#active.keys()].map((id) => this.stop(id, 'server-shutdown')));
    await Promise.all([...this.#finishing]);
  }

  /** Finishes recordings left unfinished by a server that stopped without finishing them. */
  async recoverUnfinished(): Promise<number> {
    const { db, storage, config, log } = this.#deps;
    const left = await rows.listUnfinishedRecordings(db);
    for (const row of left) {
      if (this.#active.has(row.meetingId)) continue;
      try {
        const dir = await storage.workDir(row.id);
        await this.#store(row.id, await segmentsIn(dir), dir, config.ffmpegPath);
      } catch (err) {
        log.warn({ err, recording: row.id }, 'an unfinished recording could not be recovered');
        await rows.markRecordingFailed(db, row.id, 'the server stopped before the recording was finished');
      }
    }
    return left.length;
  }

  /** Whether ffmpeg runs here (checked once; a failed check is retried next time). */
  #ffmpegAvailable(): Promise<boolean> {
    this.#ffmpegChecked ??= new Promise((resolve) => {
      execFile(this.#deps.config.ffmpegPath, ['-version'], { timeout: 10_000 }, (err) => resolve(!err));
    });
    const check = this.#ffmpegChecked;
    void check.then((ok) => {
      if (!ok && this.#ffmpegChecked === check) this.#ffmpegChecked = null;
    });
    return check;
  }

  #bind(active: Active): () => void {
    const { meeting, room, recorder } = active;
    const onEnded = () => void this.stop(meeting.id, 'meeting-ended');
    const onRoomClose = () => void this.stop(meeting.id, 'failed');
    const onRecorderEnd = (end: RecorderEnd) =>
      void this.stop(meeting.id, end === 'everyone-left' ? 'everyone-left' : 'failed');
    const limit = setTimeout(() => void this.stop(meeting.id, 'time-limit'), this.#deps.config.maxDurationMs);
    limit.unref();
    meeting.on('ended', onEnded);
    room.on('close', onRoomClose);
    recorder.on('ended', onRecorderEnd);
    return () => {
      clearTimeout(limit);
      meeting.off('ended', onEnded);
      room.off('close', onRoomClose);
      recorder.off('ended', onRecorderEnd);
    };
  }

  async #finish(active: Active, reason: RecordingStopReason): Promise<void> {
    const { db, storage, config, log } = this.#deps;
    const recLog = log.child({ recording: active.id, meeting: active.meeting.id });
    try {
      await rows.markRecordingFinishing(db, active.id);
      const result = await active.recorder.stop();
      const dir = await storage.workDir(active.id);
      await this.#store(active.id, result.segments, dir, config.ffmpegPath);
      recLog.info(
        { reason, cpuPercent: result.cpuPercent, segments: result.segments.length },
        'recording finished',
      );
    } catch (err) {
      recLog.error({ err, reason }, 'recording could not be finished');
      await rows
        .markRecordingFailed(db, active.id, 'the recording could not be finished')
        .catch(() => undefined);
    }
  }

  async #store(id: string, segments: SegmentPart[], dir: string, ffmpegPath: string): Promise<void> {
    const { db, storage } = this.#deps;
    if (segments.length === 0) {
      await rows.markRecordingFailed(db, id, 'nothing was recorded');
      await storage.removeWork(id);
      return;
    }
    const output = path.join(dir, 'recording.mp4');
    await joinSegments(ffmpegPath, segments, output);
    const durationMs = await probeDurationMs(ffmpegPath, output);
    const stored = await storage.keep(id, output);
    await rows.markRecordingReady(db, id, { durationMs, sizeBytes: stored.sizeBytes });
    await storage.removeWork(id);
  }
}
