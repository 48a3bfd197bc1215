/**
 * Speaker detection across workers, on real workers with real audio (an ffmpeg tone): a voice
 * produced on a router of another worker is piped to the home router and both observers take it
 * there; when the home's worker dies, detection opens again on the router that is left and takes
 * the voice directly. (Levels themselves need the audio-level RTP header extension that browsers
 * send and ffmpeg does not: e2e/workers-spread.spec.ts sees them.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { freeRtcBasePort } from '@/tests/support/ports';
import { sendTestMedia, type TestMedia } from '@/tests/support/rtpSender';
import { testEnv } from '@/tests/support/testServer';
import { Peer } from './Peer';
import { RoomRouters } from './RoomRouters';
import { SpeakerDetection } from './SpeakerDetection';
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

describe('SpeakerDetection', () => {
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
