/**
 * What both bare baselines start from: a router on a bare worker with the app's codecs, and one
 * synthetic camera (~1 Mbps VP8) and microphone (Opus) produced on a PlainTransport, fed by an
 * RTP source that waits paused until a step starts it.
 */
import type { types } from 'mediasoup';
import { mediaCodecs } from '@/lib/sfu/mediaCodecs';
import {
  cameraStream,
  createRtpSource,
  opusProducerParameters,
  vp8ProducerParameters,
  type RtpSource,
} from './rtpSource';

export interface BareIngress {
  router: types.Router;
  video: types.Producer;
  audio: types.Producer;
  /** The SSRC each producer's packets carry, by producer id (what a consumer forwards). */
  ssrcOf: Map<string, number>;
  /** Starts the (paused) RTP source towards the producers. */
  source(): Promise<RtpSource>;
}

export async function createBareIngress(
  worker: types.Worker,
  ssrcs: { video: number; audio: number },
): Promise<BareIngress> {
  const router = await worker.createRouter({ mediaCodecs });
  const ingress = await router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: true,
    comedia: true,
  });
  const video = await ingress.produce({
    kind: 'video',
    rtpParameters: vp8ProducerParameters([cameraStream(ssrcs.video)]),
  });
  const audio = await ingress.produce({ kind: 'audio', rtpParameters: opusProducerParameters(ssrcs.audio) });
  return {
    router,
    video,
    audio,
    ssrcOf: new Map([
      [video.id, ssrcs.video],
      [audio.id, ssrcs.audio],
    ]),
    source: () =>
      createRtpSource([
        { port: ingress.tuple.localPort, video: [cameraStream(ssrcs.video)], audioSsrc: ssrcs.audio },
      ]),
  };
}
