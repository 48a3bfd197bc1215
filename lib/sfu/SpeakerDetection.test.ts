/**
 * Speaker detection across workers, on real workers with real audio (an ffmpeg tone): a voice
 * produced on a router of another worker is piped to the home router and both observers take it
 * there; when the home's worker dies, detection opens again on the router that is left and takes
 * the voice directly. Levels need the audio-level RTP header extension that browsers send and
 * ffmpeg does not: the level test sends Opus-sized RTP packets that carry it, as a browser does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { freeRtcBasePort } from '@/tests/support/ports';
import { sendTestMedia, type TestMedia } from '@/tests/support/rtpSender';
import { testEnv } from '@/tests/support/testServer';
import type { types } from 'mediasoup';
import { Peer, type ProducerAppData } from './Peer';
import { RoomRouters } from './RoomRouters';
import { SpeakerDetection, type PeerVolume } from './SpeakerDetection';
import { WorkerPool } from './WorkerPool';

const log = createLogger('silent');
let pool: WorkerPool;
let media: TestMedia | undefined;

beforeAll(async () => {
  pool = await WorkerPool.create(loadConfig(testEnv(await freeRtcBasePort(2), 2)).media, log);
});
afterAll(() => {
  media?.stop();
  pool?.close();
});

const AUDIO_LEVEL = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';

/** An RTP packet of `ssrc` (payload type 100) whose audio-level extension (id 1) says -`dBov`. */
function voicePacket(ssrc: number, seq: number, dBov: number): Buffer {
  const packet = Buffer.alloc(12 + 8 + 20);
  packet[0] = 0x90; // version 2, with a header extension
  packet[1] = 100;
  packet.writeUInt16BE(seq & 0xffff, 2);
  packet.writeUInt32BE((seq * 960) >>> 0, 4);
  packet.writeUInt32BE(ssrc, 8);
  packet.writeUInt16BE(0xbede, 12); // one-byte header extensions, one word of them
  packet.writeUInt16BE(1, 14);
  packet[16] = 0x10; // id 1, one byte
  packet[17] = 0x80 | dBov; // voice activity, level
  packet[20] = 0xfc; // an Opus frame header
  return packet;
}

/** A microphone of `peer` on `router` fed through a DirectTransport, sending at -`dBov`. */
async function voiceOn(router: types.Router, peer: Peer, dBov: number) {
  const transport = await router.createDirectTransport();
  const voice = await transport.produce<ProducerAppData>({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48_000, channels: 2 }],
      headerExtensions: [{ uri: AUDIO_LEVEL, id: 1 }],
      encodings: [{ ssrc: 1234 }],
    },
    appData: { peerId: peer.id, source: 'microphone' },
  });
  peer.addProducer(voice);
  let seq = 0;
  const sending = setInterval(() => voice.send(voicePacket(1234, seq++, dBov)), 20);
  return { voice, stop: () => (clearInterval(sending), transport.close()) };
}

describe('SpeakerDetection', () => {
  it('reports the level of a voice from another worker under its speaker', async () => {
    const routers = await RoomRouters.create('levels', pool, 0, log);
    const speakers = await SpeakerDetection.create(routers, log);
    const peer = new Peer('bob', routers.home.router.rtpCapabilities, {
      notify: () => undefined,
      disconnect: () => undefined,
    });
    routers.place(peer);
    const placed = await routers.of(peer);
    expect(placed.workerIndex).not.toBe(routers.home.workerIndex);
    const heard = new Promise<PeerVolume[]>((resolve) =>
      speakers.on('levels', (levels) => levels.length > 0 && resolve(levels)),
    );
    const { voice, stop } = await voiceOn(placed.router, peer, 30);
    try {
      await speakers.add(voice.id, peer);
      expect(await heard).toEqual([{ peerId: peer.id, volume: -30 }]);
    } finally {
      stop();
      speakers.close();
      routers.close();
    }
  });

  it('listens to a voice from another worker through a pipe, and again after the home worker dies', async () => {
    // No router may hold a consumer: the first participant already goes to the other worker.
    const routers = await RoomRouters.create('speakers', pool, 0, log);
    const speakers = await SpeakerDetection.create(routers, log);
    const home = routers.home;
    const peer = new Peer('alice', home.router.rtpCapabilities, {
      notify: () => undefined,
      disconnect: () => undefined,
    });
    routers.place(peer);
    const placed = await routers.of(peer);
    expect(placed.workerIndex).not.toBe(home.workerIndex);

    media = await sendTestMedia({ routers }, peer, { video: false });
    const voice = media.audio?.id ?? '';
    await speakers.add(voice, peer);
    // Piped to the home router, where both observers listen to it.
    const observed = (await home.router.dump()).mapProducerIdObserverIds;
    expect(observed.map((e) => [e.key, e.values.length])).toEqual([[voice, 2]]);

    // The home's worker dies: the router left becomes the home and detection moves there.
    const died = new Promise((resolve) => routers.once('died', resolve));
    process.kill(home.slot.worker.pid, 'SIGKILL');
    await died;
    expect(routers.home).toBe(placed);
    await speakers.move();
    const local = (await placed.router.dump()).mapProducerIdObserverIds;
    expect(local.map((e) => [e.key, e.values.length])).toEqual([[voice, 2]]);
    speakers.close();
    routers.close();
  });
});
