/**
 * The join path, step by step. While the pre-join screen is shown the page connects, loads its
 * device, makes both media transports and sets up paused consumers of everyone's tracks on the
 * receiving one, which so connects (ICE, DTLS) with no media on it, and nobody in the call hears
 * of it; the click then joins on those transports, with those consumers live in the join answer
 * (no transport made, no producer list or consume asked for afterwards), and video decodes. A guest
 * who would wait in the waiting room prepares too, but gets no transports and learns nothing of
 * the room until a host lets them in.
 */
import type { Page } from '@playwright/test';
import { signUp, startMeeting } from './fixtures/accounts';
import { expectInCall, join, randomMeetingId, remoteTiles } from './fixtures/call';
import { expectReceiving } from './fixtures/perTrack';
import { recordClientRequests, recordServerEvents } from './fixtures/signaling';
import { expect, test } from './fixtures/test';

/** Every text frame the page receives over its signaling WebSockets (events and acks). */
function recordReceivedFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') frames.push(payload);
    });
  });
  return frames;
}

/**
 * How many RTCPeerConnections the page has open: one per mediasoup transport (loading the device
 * opens and closes a few of its own to read the browser's capabilities).
 */
function peerConnections(page: Page): Promise<number> {
  return page.evaluate(() => window.__rtcCapture?.open().length ?? 0);
}

/**
 * Each open RTCPeerConnection that receives (recvonly transceivers): its connection state and the
 * media packets it received, the bandwidth probe aside.
 */
function receivingConnections(page: Page): Promise<Array<{ state: string; packets: number }>> {
  return page.evaluate(async () => {
    const open = window.__rtcCapture?.open() ?? [];
    const receiving = open.filter((pc) => pc.getTransceivers().some((t) => t.direction === 'recvonly'));
    return Promise.all(
      receiving.map(async (pc) => {
        let packets = 0;
        (await pc.getStats()).forEach((s: RTCStats) => {
          const r = s as RTCInboundRtpStreamStats & { mid?: string };
          if (r.type === 'inbound-rtp' && r.mid !== 'probator') packets += r.packetsReceived ?? 0;
        });
        return { state: pc.connectionState, packets };
      }),
    );
  });
}

test('the join is prepared before the click, unseen, and the click receives at once', async ({
  participants,
}) => {
  test.setTimeout(120_000);
  const meetingId = randomMeetingId('joinpath');
  const alice = await participants.add({ label: 'Alice' });
  const aliceHeard = recordServerEvents(alice.page, 'peerJoined');
  await alice.page.goto(`/m/${meetingId}`);
  await join(alice.page, 'Alice');

  const bob = await participants.add({ label: 'Bob' });
  const prepares = recordClientRequests(bob.page, 'prepareJoin');
  const warms = recordClientRequests(bob.page, 'prepareReceive');
  const joins = recordClientRequests(bob.page, 'joinRoom');
  const afterClick = ['createRoom', 'createTransport', 'getProducers', 'consume', 'resumeConsumer'].map(
    (name) => ({ name, sent: recordClientRequests(bob.page, name) }),
  );

  await test.step('pre-join: signaling connected, device loaded, both transports made', async () => {
    await bob.page.goto(`/m/${meetingId}`);
    await expect(bob.page.getByRole('button', { name: 'Join now' })).toBeVisible();
    await expect.poll(() => prepares.length).toBe(1);
    expect(prepares[0]).toEqual({ callId: meetingId });
    // mediasoup-client opens one RTCPeerConnection per transport as it makes it.
    await expect.poll(() => peerConnections(bob.page)).toBe(2);
    await expect(bob.page.getByRole('button', { name: 'Join now' })).toBeVisible();
  });

  await test.step('pre-join: the receiving transport is connected, and no media comes on it', async () => {
    await expect.poll(() => warms.length).toBe(1);
    await expect.poll(() => receivingConnections(bob.page)).toEqual([{ state: 'connected', packets: 0 }]);
    // Alice keeps sending all along; none of it reaches Bob before he joins.
    await bob.page.waitForTimeout(1_500);
    expect(await receivingConnections(bob.page)).toEqual([{ state: 'connected', packets: 0 }]);
  });

  await test.step('nobody in the call heard of Bob before the click', async () => {
    await alice.page.waitForTimeout(500);
    expect(aliceHeard).toEqual([]);
    await expect(remoteTiles(alice.page)).toHaveCount(0);
    await expect(alice.page.getByTestId('people-count')).toContainText('1');
  });

  await test.step('the click joins on the prepared transports and decodes Alice at once', async () => {
    await join(bob.page, 'Bob');
    await expectReceiving(bob.page, 'Alice', 'camera');
    await expectReceiving(bob.page, 'Alice', 'microphone');
    expect(joins).toHaveLength(1);
    expect(joins[0]).toMatchObject({ callId: meetingId, userId: 'Bob', prepared: {} });
    for (const { name, sent } of afterClick) expect({ name, sent }).toEqual({ name, sent: [] });
    expect(await peerConnections(bob.page)).toBe(2);
    await expect.poll(() => aliceHeard).toEqual([expect.objectContaining({ userId: 'Bob' })]);
    await expectReceiving(alice.page, 'Bob', 'camera');
  });
});

test('a waiting-room guest prepares without transports and sees nothing until admitted', async ({
  participants,
}) => {
  test.setTimeout(150_000);
  const host = await participants.add({ label: 'host' });
  await signUp(host.page, 'Hana Host');
  const meetingId = await startMeeting(host.page);
  await join(host.page, 'Hana Host');

  const guest = await participants.add({ label: 'guest' });
  const prepares = recordClientRequests(guest.page, 'prepareJoin');
  const warms = recordClientRequests(guest.page, 'prepareReceive');
  const frames = recordReceivedFrames(guest.page);

  await test.step('pre-join: the guest gets the router capabilities and nothing else', async () => {
    await guest.page.goto(`/m/${meetingId}`);
    await expect(guest.page.getByRole('button', { name: 'Join now' })).toBeVisible();
    await expect.poll(() => prepares.length).toBe(1);
    await expect.poll(() => frames.some((f) => f.includes('"transports":null'))).toBe(true);
    await guest.page.waitForTimeout(500);
    expect(await peerConnections(guest.page)).toBe(0);
    expect(warms).toEqual([]);
    const seen = frames.join('\n');
    for (const secret of ['Hana Host', 'peerJoined', 'newProducer', 'consumerScore', 'lobbyChanged']) {
      expect(seen, `the waiting guest received "${secret}"`).not.toContain(secret);
    }
    // Not even in the waiting room yet: the host is told only once the guest asks to join.
    await expect(host.page.getByText('is waiting to join')).toHaveCount(0);
  });

  await test.step('the click puts the guest in the waiting room; admitted, they receive', async () => {
    await guest.page.getByLabel('Your name').fill('Gus Guest');
    await guest.page.getByRole('button', { name: 'Join now' }).click();
    await expect(guest.page.getByTestId('waiting-screen')).toBeVisible({ timeout: 30_000 });
    expect(frames.join('\n')).not.toContain('newProducer');
    expect(await peerConnections(guest.page)).toBe(0);
    await expect(host.page.getByText('Gus Guest is waiting to join')).toBeVisible();
    const panel = host.page.getByRole('button', { name: /^Participants/ });
    if ((await panel.getAttribute('aria-pressed')) !== 'true') await panel.click();
    await host.page.getByRole('button', { name: 'Admit Gus Guest' }).click();
    await expectInCall(guest.page);
    await expectReceiving(guest.page, 'Hana Host', 'camera');
    await expectReceiving(host.page, 'Gus Guest', 'camera');
  });
});
