/**
 * The physical reference for forwarding: a bare mediasoup worker (the same binary the app runs,
 * no app around it), one VP8 producer (~1 Mbps) and one Opus producer fed by the in-process RTP
 * source, and K receivers, each a video and an audio consumer on its own PlainTransport with
 * SRTP (AES_CM_128_HMAC_SHA1_80) towards a local UDP sink.
 */
import { randomBytes } from 'node:crypto';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { createBareIngress } from './lib/bareIngress';
import type { Forwarded } from './lib/measureStep';
import type { RtpSource } from './lib/rtpSource';
import { startUdpSink } from './lib/udpSink';

const VIDEO_SSRC = 1_111_000;
const AUDIO_SSRC = 2_222_000;

export interface BareRig {
  workerPid: number;
  rtp: RtpSource;
  forwarded: Forwarded[];
  close(): Promise<void>;
}

/** A bare worker with `receivers` SRTP receivers set up and its RTP source ready (paused). */
export async function createBareRig(receivers: number): Promise<BareRig> {
  const worker = await mediasoup.createWorker({ logLevel: 'error' });
  const sink = await startUdpSink();
  const closeAll = () => {
    worker.close();
    sink.close();
  };
  try {
    const { router, video, audio, source } = await createBareIngress(worker, {
      video: VIDEO_SSRC,
      audio: AUDIO_SSRC,
    });
    const forwarded: Forwarded[] = [];
    for (let i = 0; i < receivers; i++) {
      const t: types.PlainTransport = await router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
        rtcpMux: true,
        comedia: false,
        enableSrtp: true,
        srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
      });
      await t.connect({
        ip: '127.0.0.1',
        port: sink.port,
        srtpParameters: {
          cryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
          keyBase64: randomBytes(30).toString('base64'),
        },
      });
      for (const [producer, ssrc] of [
        [video, VIDEO_SSRC],
        [audio, AUDIO_SSRC],
      ] as const) {
        const consumer = await t.consume({
          producerId: producer.id,
          rtpCapabilities: router.rtpCapabilities,
        });
        forwarded.push({ consumer, sourceSsrc: ssrc });
      }
    }
    const rtp = await source();
    return {
      workerPid: worker.pid,
      rtp,
      forwarded,
      close: async () => {
        await rtp.close();
        closeAll();
      },
    };
  } catch (err) {
    closeAll();
    throw err;
  }
}
