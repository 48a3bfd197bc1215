/**
 * Synthetic RTP, generated in this process, so the bare baseline and the app path forward exactly
 * the same packets: a VP8 camera (one stream, or three simulcast streams) and an Opus microphone.
 * No encoder runs: the bench measures forwarding, and the SFU only reads the VP8 payload
 * descriptor and the keyframe bit, which are written correctly here (picture ids, start-of-frame,
 * marker, a keyframe every KEYFRAME_INTERVAL_S with the VP8 start code and a 16×16 size, so
 * receivers that do decode spend next to nothing on it).
 */
import dgram from 'node:dgram';

export const VP8_PT = 101;
export const OPUS_PT = 100;
const KEYFRAME_INTERVAL_S = 2;
/** Sending runs off a 10 ms tick; packets due since the last tick go out together (pacing as a browser's pacer does, roughly). */
const TICK_MS = 10;

export interface VideoStream {
  ssrc: number;
  /** Frames per second. */
  fps: number;
  packetsPerFrame: number;
  /** RTP packet size in bytes, header included. */
  packetBytes: number;
}

/** ~1 Mbps: 31 frames/s × 3 packets of 1,200 B ≈ 93 packets/s, as the reference measurement. */
export function cameraStream(ssrc: number): VideoStream {
  return { ssrc, fps: 31, packetsPerFrame: 3, packetBytes: 1200 };
}

/** Three simulcast streams as a 720p camera would send them (≈ 0.15, 0.5 and 1.2 Mbps). */
export function simulcastStreams(firstSsrc: number): VideoStream[] {
  return [
    { ssrc: firstSsrc, fps: 15, packetsPerFrame: 1, packetBytes: 1200 },
    { ssrc: firstSsrc + 1, fps: 30, packetsPerFrame: 2, packetBytes: 1000 },
    { ssrc: firstSsrc + 2, fps: 30, packetsPerFrame: 4, packetBytes: 1200 },
  ];
}

/** Opus at 20 ms frames: 50 packets/s of 100 B. */
export const OPUS_PACKETS_PER_S = 50;
const OPUS_BYTES = 100;

interface StreamState {
  spec: VideoStream;
  seq: number;
  pictureId: number;
  frames: number;
  /** Frames since the last keyframe. */
  sinceKey: number;
  due: number;
}

function rtpHeader(buf: Buffer, pt: number, seq: number, ts: number, ssrc: number, marker: boolean): void {
  buf[0] = 0x80;
  buf[1] = (marker ? 0x80 : 0) | pt;
  buf.writeUInt16BE(seq & 0xffff, 2);
  buf.writeUInt32BE(ts >>> 0, 4);
  buf.writeUInt32BE(ssrc >>> 0, 8);
}

export interface VideoPacketSpec {
  seq: number;
  frame: number;
  pictureId: number;
  /** Index of this packet within its frame. */
  part: number;
  keyframe: boolean;
}

/** One VP8 packet: RTP header, payload descriptor (X, S, I with a 15-bit picture id), payload. */
export function vp8Packet(spec: VideoStream, p: VideoPacketSpec): Buffer {
  const buf = Buffer.alloc(spec.packetBytes);
  const ts = Math.round((p.frame * 90_000) / spec.fps);
  rtpHeader(buf, VP8_PT, p.seq, ts, spec.ssrc, p.part === spec.packetsPerFrame - 1);
  const first = p.part === 0;
  buf[12] = 0x80 | (first ? 0x10 : 0); // X, S (start of partition 0)
  buf[13] = 0x80; // I: picture id present
  buf[14] = 0x80 | ((p.pictureId >> 8) & 0x7f); // M: 15-bit picture id
  buf[15] = p.pictureId & 0xff;
  if (first) {
    // Frame tag: bit 0 clear on a keyframe, version 0, show_frame, first partition size 0.
    buf[16] = (p.keyframe ? 0x00 : 0x01) | 0x10;
    if (p.keyframe) {
      buf.set([0x9d, 0x01, 0x2a], 19);
      buf.writeUInt16LE(16, 22);
      buf.writeUInt16LE(16, 24);
    }
  }
  return buf;
}

export function opusPacket(ssrc: number, seq: number): Buffer {
  const buf = Buffer.alloc(OPUS_BYTES);
  rtpHeader(buf, OPUS_PT, seq, seq * 960, ssrc, false);
  buf[12] = 0xf8; // TOC: CELT fullband 20 ms, one frame
  return buf;
}

export interface RtpTarget {
  port: number;
  video: VideoStream[];
  /** SSRC of the Opus stream, or null for none. */
  audioSsrc: number | null;
}

export interface RtpSource {
  /** Starts (or resumes) sending; every video stream begins with a keyframe. */
  start(): void;
  /** Stops sending; sequence numbers, timestamps and sockets are kept for the next start. */
  pause(): void;
  /** Packets handed to the sockets so far, by SSRC (cumulative over starts). */
  sent(): Map<number, number>;
  close(): Promise<void>;
}

/**
 * Sends to every target's port on 127.0.0.1 (comedia PlainTransports, RTCP multiplexed) from one
 * socket per target, kept for the source's life (a comedia transport only accepts the address it
 * first heard from). The per-tick batch keeps the rates exact over time even when the event loop
 * is late (other processes share the cores).
 */
export async function createRtpSource(targets: RtpTarget[]): Promise<RtpSource> {
  const sockets = await Promise.all(
    targets.map(
      (t) =>
        new Promise<dgram.Socket>((resolve, reject) => {
          const s = dgram.createSocket('udp4');
          s.once('error', reject);
          s.connect(t.port, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const sent = new Map<number, number>();
  const count = (ssrc: number) => sent.set(ssrc, (sent.get(ssrc) ?? 0) + 1);
  const videoState: StreamState[][] = targets.map((t) =>
    t.video.map((spec) => ({ spec, seq: 1, pictureId: 1, frames: 0, sinceKey: 0, due: 0 })),
  );
  const audio = targets.map(() => ({ seq: 1, due: 0 }));
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    const dtS = (now - last) / 1000;
    last = now;
    targets.forEach((t, i) => {
      const sock = sockets[i]!;
      for (const st of videoState[i]!) {
        st.due += dtS * st.spec.fps;
        while (st.due >= 1) {
          st.due -= 1;
          const keyframe = st.sinceKey === 0;
          for (let part = 0; part < st.spec.packetsPerFrame; part++) {
            sock.send(
              vp8Packet(st.spec, {
                seq: st.seq++,
                frame: st.frames,
                pictureId: st.pictureId,
                part,
                keyframe,
              }),
            );
            count(st.spec.ssrc);
          }
          st.frames++;
          st.sinceKey = (st.sinceKey + 1) % Math.round(st.spec.fps * KEYFRAME_INTERVAL_S);
          st.pictureId = (st.pictureId + 1) & 0x7fff;
        }
      }
      if (t.audioSsrc !== null) {
        const a = audio[i]!;
        a.due += dtS * OPUS_PACKETS_PER_S;
        while (a.due >= 1) {
          a.due -= 1;
          sock.send(opusPacket(t.audioSsrc, a.seq++));
          count(t.audioSsrc);
        }
      }
    });
  };
  const pause = () => {
    clearInterval(timer);
    timer = undefined;
  };
  return {
    start: () => {
      if (timer) return;
      for (const list of videoState) for (const st of list) st.sinceKey = 0;
      // One frame and one audio packet at once, then the rates.
      for (const list of videoState) for (const st of list) st.due = 1;
      for (const a of audio) a.due = 1;
      last = performance.now();
      tick();
      timer = setInterval(tick, TICK_MS);
    },
    pause,
    sent: () => new Map(sent),
    close: async () => {
      pause();
      await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}

/** mediasoup RTP parameters for a producer fed by this source. */
export function vp8ProducerParameters(streams: VideoStream[]) {
  return {
    codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PT, clockRate: 90_000 }],
    encodings: streams.map((s) => ({ ssrc: s.ssrc })),
  };
}

export function opusProducerParameters(ssrc: number) {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48_000, channels: 2 }],
    encodings: [{ ssrc }],
  };
}
