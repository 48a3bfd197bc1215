/**
 * The bare baseline with the app's kind of receivers: a bare mediasoup worker (the same binary, no
 * app) forwarding the same synthetic camera and microphone to the same libwebrtc viewers as the app
 * path (SubscriberFleet), each on its own WebRtcTransport through one WebRtcServer port, with the
 * transport options the app uses. So ICE, DTLS, SRTP, RTCP feedback and congestion control cost
 * the same on both sides, and the difference is what the app itself adds.
 *
 * The viewers speak the app's signaling, so this rig answers the seven requests they send
 * (createRoom, joinRoom, createTransport, connectTransport, getProducers, consume,
 * resumeConsumer) over a plain Socket.IO server: no tokens, rooms, validation or limits. That is
 * the point of a baseline, and why it is not the app's signaling.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { Server } from 'socket.io';
import type { BareRig } from './bareBaseline';
import { createBareIngress } from './lib/bareIngress';
import type { Forwarded } from './lib/measureStep';
import type { ViewerTicket } from './lib/fleetMessages';

const VIDEO_SSRC = 5_555_000;
const AUDIO_SSRC = 6_666_000;

/** A bare rig (see bareBaseline.ts) whose receivers are viewers that join at `url`. */
export interface BareWebrtcRig extends BareRig {
  url: string;
  tickets(count: number): ViewerTicket[];
}

type Ack = (
  reply: { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } },
) => void;

/** A bare worker, its producers fed by a paused RTP source, and a Socket.IO endpoint for viewers. */
export async function createBareWebrtcRig(opts: {
  rtcPort: number;
  initialAvailableOutgoingBitrate: number;
}): Promise<BareWebrtcRig> {
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  const close = async () => {
    io.close();
    httpServer.close();
    worker.close();
  };
  try {
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: (['udp', 'tcp'] as const).map((protocol) => ({
        protocol,
        ip: '127.0.0.1',
        port: opts.rtcPort,
      })),
    });
    const { router, video, audio, ssrcOf, source } = await createBareIngress(worker, {
      video: VIDEO_SSRC,
      audio: AUDIO_SSRC,
    });
    const forwarded: Forwarded[] = [];

    io.on('connection', (socket) => {
      const transports = new Map<string, types.WebRtcTransport>();
      const consumers = new Map<string, types.Consumer>();
      const answer = (event: string, handle: (payload: Record<string, unknown>) => Promise<unknown>) =>
        socket.on(event, (payload: Record<string, unknown>, ack: Ack) => {
          handle(payload).then(
            (data) => ack({ ok: true, data }),
            (err: Error) => ack({ ok: false, error: { code: 'INTERNAL', message: err.message } }),
          );
        });
      answer('createRoom', async () => ({ rtpCapabilities: router.rtpCapabilities }));
      answer('joinRoom', async () => ({ peers: [] }));
      answer('createTransport', async () => {
        const t = await router.createWebRtcTransport({
          webRtcServer,
          enableUdp: true,
          enableTcp: true,
          preferUdp: true,
          initialAvailableOutgoingBitrate: opts.initialAvailableOutgoingBitrate,
        });
        transports.set(t.id, t);
        return {
          id: t.id,
          iceParameters: t.iceParameters,
          iceCandidates: t.iceCandidates,
          dtlsParameters: t.dtlsParameters,
        };
      });
      answer('connectTransport', async (p) => {
        await transports.get(String(p.transportId))?.connect({
          dtlsParameters: p.dtlsParameters as types.DtlsParameters,
        });
        return {};
      });
      answer('getProducers', async () => ({
        producers: [video, audio].map((p) => ({ producerId: p.id, kind: p.kind })),
      }));
      answer('consume', async (p) => {
        const t = transports.get(String(p.transportId));
        if (!t) throw new Error('unknown transport');
        const c = await t.consume({
          producerId: String(p.producerId),
          rtpCapabilities: p.rtpCapabilities as types.RtpCapabilities,
          paused: true,
        });
        consumers.set(c.id, c);
        forwarded.push({ consumer: c, sourceSsrc: ssrcOf.get(c.producerId)! });
        return { id: c.id, producerId: c.producerId, kind: c.kind, rtpParameters: c.rtpParameters };
      });
      answer('resumeConsumer', async (p) => {
        await consumers.get(String(p.consumerId))?.resume();
        return {};
      });
      socket.on('disconnect', () => {
        for (const t of transports.values()) t.close();
      });
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = httpServer.address() as AddressInfo;
    const rtp = await source();
    let viewers = 0;
    return {
      url: `http://127.0.0.1:${port}`,
      workerPid: worker.pid,
      rtp,
      forwarded,
      tickets: (count) =>
        Array.from({ length: count }, () => ({
          token: 'bare',
          meetingId: 'bare',
          userId: `bare-${++viewers}`,
        })),
      close: async () => {
        await rtp.close();
        await close();
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}
