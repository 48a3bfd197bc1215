/**
 * Real media into a room without a browser: ffmpeg encodes a moving test pattern (VP8) and a tone
 * (Opus) and sends them as RTP to PlainTransports (comedia) of the room's router; the producers
 * are given to a joined peer, as if its browser had published them. Used by the recording tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { types } from 'mediasoup';
import type { Peer, ProducerAppData } from '@/lib/sfu/Peer';
import type { Room } from '@/lib/sfu/Room';

export interface TestMedia {
  video: types.Producer<ProducerAppData> | null;
  audio: types.Producer<ProducerAppData> | null;
  stop(): void;
}

let nextSsrc = 40_000_000;

async function plainProducer(
  room: Pick<Room, 'routers'>,
  peer: Peer,
  kind: 'audio' | 'video',
): Promise<{ transport: types.PlainTransport; producer: types.Producer<ProducerAppData>; ssrc: number }> {
  // On the peer's own router: a meeting spread over workers has one per worker.
  const { router } = await room.routers.of(peer);
  const transport = await router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    // ffmpeg sends RTCP from another socket than RTP: separate RTCP port, else the first
    // RTCP packet would pin comedia's RTP tuple to the wrong source.
    rtcpMux: false,
    comedia: true,
  });
  const ssrc = nextSsrc++;
  const producer = await transport.produce<ProducerAppData>({
    kind,
    rtpParameters:
      kind === 'video'
        ? {
            codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000 }],
            encodings: [{ ssrc }],
          }
        : {
            codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48_000, channels: 2 }],
            encodings: [{ ssrc }],
          },
    appData: { peerId: peer.id, source: kind === 'video' ? 'camera' : 'microphone' },
  });
  peer.addProducer(producer);
  return { transport, producer, ssrc };
}

/** Starts sending a test pattern and/or a tone as `peer`'s camera and microphone. */
export async function sendTestMedia(
  room: Pick<Room, 'routers'>,
  peer: Peer,
  opts: { video?: boolean; audio?: boolean; frequency?: number } = {},
): Promise<TestMedia> {
  const withVideo = opts.video ?? true;
  const withAudio = opts.audio ?? true;
  const video = withVideo ? await plainProducer(room, peer, 'video') : null;
  const audio = withAudio ? await plainProducer(room, peer, 'audio') : null;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin'];
  if (video) args.push('-re', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=15');
  if (audio) args.push('-re', '-f', 'lavfi', '-i', `sine=f=${opts.frequency ?? 440}:r=48000`);
  if (video) {
    const { localPort } = video.transport.tuple;
    const rtcpPort = video.transport.rtcpTuple?.localPort ?? localPort;
    args.push('-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k');
    args.push('-g', '15', '-ssrc', String(video.ssrc), '-payload_type', '101');
    args.push('-f', 'rtp', `rtp://127.0.0.1:${localPort}?rtcpport=${rtcpPort}`);
  }
  if (audio) {
    const { localPort } = audio.transport.tuple;
    const rtcpPort = audio.transport.rtcpTuple?.localPort ?? localPort;
    args.push('-map', `${video ? 1 : 0}:a`, '-c:a', 'libopus', '-ac', '2', '-b:a', '48k');
    args.push('-ssrc', String(audio.ssrc), '-payload_type', '100');
    args.push('-f', 'rtp', `rtp://127.0.0.1:${localPort}?rtcpport=${rtcpPort}`);
  }
  const sender: ChildProcess = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // A test that fails before stop() must not leave the sender running.
  const kill = () => sender.kill('SIGKILL');
  process.once('exit', kill);
  return {
    video: video?.producer ?? null,
    audio: audio?.producer ?? null,
    stop: () => {
      kill();
      process.off('exit', kill);
      video?.transport.close();
      audio?.transport.close();
    },
  };
}
