/**
 * A media worker crashes under a live call: two browsers are in a meeting with media flowing,
 * the worker process hosting the meeting gets SIGKILL. Both browsers must learn the room closed
 * and get back into the meeting on their own, the server must stay healthy and replace the
 * worker, and a new meeting (placed on the new worker) must carry media again.
 */
import type { APIRequestContext } from '@playwright/test';
import type { Stats } from '@/lib/http/opsRoutes';
import { expectInCall, join, leave, randomMeetingId, remoteTiles, type Participant } from './fixtures/call';
import { expectMediaFlowing, waitForFirstDecodedFrame } from './fixtures/media';
import { recordServerEvents } from './fixtures/signaling';
import { expect, test } from './fixtures/test';

/** The notice people see when the server closed their meeting under them (not a shutdown). */
const INTERRUPTED = 'The meeting was interrupted on the server. Reconnecting…';

async function stats(request: APIRequestContext): Promise<Stats> {
  const res = await request.get('/stats');
  expect(res.status()).toBe(200);
  return (await res.json()) as Stats;
}

async function expectHealthy(request: APIRequestContext): Promise<void> {
  const res = await request.get('/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'healthy' });
}

/** The one worker slot that hosts a meeting (one router per meeting), once exactly one does. */
async function hostingSlot(request: APIRequestContext): Promise<{ index: number; pid: number }> {
  let slot = { index: -1, pid: 0 };
  await expect
    .poll(async () => {
      const s = await stats(request);
      const busy = s.workerUsage.filter((u) => u.routers > 0);
      if (s.rooms !== 1 || busy.length !== 1 || busy[0]?.routers !== 1) {
        return `rooms ${s.rooms}, routers per worker ${s.workerUsage.map((u) => u.routers).join('/')}`;
      }
      slot = { index: busy[0].index, pid: busy[0].pid };
      return 'one meeting on one worker';
    })
    .toBe('one meeting on one worker');
  return slot;
}

async function joinBoth(a: Participant, b: Participant): Promise<void> {
  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);
  await expectMediaFlowing(a.page, 'A');
  await expectMediaFlowing(b.page, 'B');
}

test('a killed media worker closes its meeting; a new meeting works on the replacement', async ({
  participants,
  request,
}) => {
  test.setTimeout(150_000);
  const first = randomMeetingId('wd');
  const a = await participants.open(first, { label: 'A' });
  const b = await participants.open(first, { label: 'B' });
  let c: Participant | undefined;
  let d: Participant | undefined;
  const roomClosedAt = [a, b].map(({ page }) => recordServerEvents(page, 'roomClosed'));

  await test.step('two peers join and media flows', async () => {
    await joinBoth(a, b);
  });

  const before = await stats(request);
  const doomed = await hostingSlot(request);
  const otherPids = before.workerUsage.filter((u) => u.index !== doomed.index).map((u) => u.pid);
  expect(before.workers).toBe(2);

  await test.step('SIGKILL the worker hosting the meeting: both pages are told, then rejoin', async () => {
    for (const { page } of [a, b]) await expect(page.getByText(INTERRUPTED)).toHaveCount(0);
    process.kill(doomed.pid, 'SIGKILL');
    await Promise.all([a, b].map(({ page }) => expect(page.getByText(INTERRUPTED)).toBeVisible()));
    for (const events of roomClosedAt) expect(events).toEqual([{ callId: first, reason: 'worker-died' }]);
    await expectHealthy(request);
    for (const [label, { page }] of [
      ['A', a],
      ['B', b],
    ] as const) {
      await expectInCall(page);
      await expect(remoteTiles(page)).toHaveCount(1);
      await expect(remoteTiles(page)).toHaveAttribute('data-video', 'on');
      await expectMediaFlowing(page, `${label} after the automatic rejoin`);
    }
  });

  let newPid = 0;
  await test.step('the pool replaces the worker: new pid in the same slot, same count', async () => {
    await expect
      .poll(async () => {
        const s = await stats(request);
        const pid = s.workerUsage[doomed.index]?.pid ?? 0;
        if (s.workers !== 2 || pid === 0 || pid === doomed.pid) return `slot ${doomed.index} pid ${pid}`;
        newPid = pid;
        return 'replaced';
      })
      .toBe('replaced');
    const s = await stats(request);
    expect(s.workerUsage.filter((u) => u.index !== doomed.index).map((u) => u.pid)).toEqual(otherPids);
    await expectHealthy(request);
  });

  await test.step('everyone leaves the recovered meeting: the server is empty', async () => {
    // Leave, not just close the tab: a closed tab keeps its place for a resume (RESUME_GRACE_S).
    await leave(a.page);
    await leave(b.page);
    await expect.poll(async () => (await stats(request)).rooms).toBe(0);
  });

  await test.step('two fresh pages join a new meeting, placed on the new worker; media flows', async () => {
    const second = randomMeetingId('wd');
    c = await participants.open(second, { label: 'C' });
    d = await participants.open(second, { label: 'D' });
    await joinBoth(c, d);
    const host = await hostingSlot(request);
    expect(host).toEqual({ index: doomed.index, pid: newPid });
    await expectHealthy(request);
    expect(c.errors, 'browser errors at C').toEqual([]);
    expect(d.errors, 'browser errors at D').toEqual([]);
  });
});
