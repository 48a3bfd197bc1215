/**
 * The app side of the forwarding benchmarks: the real server started in this process (so the
 * bench can read its consumers' counters and its workers' pids directly), a meeting with
 * publishers whose camera and microphone are fed by the in-process RTP source, and meeting
 * tokens for viewers. Publishers enter like everyone else (token → joinRoom through signaling);
 * only their media arrives on a PlainTransport of the room's router instead of a WebRTC send
 * transport, because generating the same packets as the bare baseline is what makes the two
 * comparable (a libwebrtc encoder would send other packets at another rate).
 */
import type { types } from 'mediasoup';
import type { ProducerAppData } from '@/lib/sfu/Peer';
import { MeetingFixture, joinMeeting } from '@/tests/support/meetingFixture';
import { startStandaloneServer } from '@/tests/support/standaloneServer';
import type { TestServer } from '@/tests/support/testServer';
import type { ViewerTicket } from './fleetMessages';
import type { Forwarded } from './measureStep';
import { opusProducerParameters, vp8ProducerParameters, type RtpTarget, type VideoStream } from './rtpSource';

/** HTTP and media ports of the servers the bench starts (kept apart from dev and test servers). */
export const BENCH_HTTP_PORT = Number(process.env.BENCH_HTTP_PORT ?? 3500);
export const BENCH_RTC_BASE_PORT = Number(process.env.BENCH_RTC_BASE_PORT ?? 44000);

export interface PublisherSpec {
  video: VideoStream[];
  audioSsrc: number | null;
}

export interface AppMeeting {
  srv: TestServer;
  meetingId: string;
  /** Where the RTP source sends, one target per publisher. */
  targets: RtpTarget[];
  /** Tokens for `count` new viewers. */
  tickets(count: number): Promise<ViewerTicket[]>;
  /** Every consumer of the meeting now, with the SSRC it forwards (simulcast: its current layer is not known, so the first). */
  forwarded(): Forwarded[];
  workerPids(): number[];
  close(): Promise<void>;
}

let viewerCounter = 0;

export async function startAppMeeting(opts: {
  workers: number;
  publishers: PublisherSpec[];
  env?: Record<string, string>;
}): Promise<AppMeeting> {
  const srv = await startStandaloneServer({
    workers: opts.workers,
    rtcBasePort: BENCH_RTC_BASE_PORT,
    env: { PORT: String(BENCH_HTTP_PORT), MAX_PEERS_PER_ROOM: '1000', ...opts.env },
  });
  const fixture = await MeetingFixture.create(srv);
  // Larger than the dashboard allows (200): the forwarding steps put up to 400 viewers in one room.
  const meeting = await fixture.ownedMeeting({ waitingRoom: false, maxParticipants: 1000 });
  const ssrcOfProducer = new Map<string, number>();
  const plain: types.PlainTransport[] = [];
  const targets: RtpTarget[] = [];
  try {
    for (const [i, spec] of opts.publishers.entries()) {
      const who = i === 0 ? await fixture.host(meeting) : await fixture.guest(meeting.meetingId);
      const joined = await joinMeeting(who.client, meeting.meetingId, `publisher-${i}`);
      const room = srv.server.registry.get(meeting.meetingId);
      const peer = room?.peers.get(joined.peerId);
      if (!room || !peer) throw new Error('the publisher is not in the room after joining');
      const transport = await room.router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
        rtcpMux: true,
        comedia: true,
      });
      plain.push(transport);
      const appData = (source: 'camera' | 'microphone'): ProducerAppData => ({ peerId: peer.id, source });
      if (spec.video.length > 0) {
        const video = await transport.produce<ProducerAppData>({
          kind: 'video',
          rtpParameters: vp8ProducerParameters(spec.video),
          appData: appData('camera'),
        });
        peer.addProducer(video);
        ssrcOfProducer.set(video.id, spec.video[0]!.ssrc);
      }
      if (spec.audioSsrc !== null) {
        const audio = await transport.produce<ProducerAppData>({
          kind: 'audio',
          rtpParameters: opusProducerParameters(spec.audioSsrc),
          appData: appData('microphone'),
        });
        peer.addProducer(audio);
        ssrcOfProducer.set(audio.id, spec.audioSsrc);
      }
      targets.push({ port: transport.tuple.localPort, video: spec.video, audioSsrc: spec.audioSsrc });
    }
  } catch (err) {
    fixture.closeClients();
    await srv.close();
    throw err;
  }

  return {
    srv,
    meetingId: meeting.meetingId,
    targets,
    tickets: async (count) => {
      const out: ViewerTicket[] = [];
      for (let i = 0; i < count; i++) {
        const { token } = await fixture.token(meeting.meetingId, 'guest');
        out.push({ token, meetingId: meeting.meetingId, userId: `viewer-${++viewerCounter}` });
      }
      return out;
    },
    forwarded: () => {
      const out: Forwarded[] = [];
      for (const room of srv.server.registry.rooms())
        for (const peer of room.peers.values())
          for (const consumer of peer.consumers.values()) {
            const sourceSsrc = ssrcOfProducer.get(consumer.producerId);
            if (sourceSsrc !== undefined) out.push({ consumer, sourceSsrc });
          }
      return out;
    },
    workerPids: () => srv.server.pool.slots.map((s) => s.worker.pid),
    close: async () => {
      for (const t of plain) t.close();
      fixture.closeClients();
      await srv.close();
    },
  };
}
