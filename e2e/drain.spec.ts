/**
 * Draining before a restart: with DRAIN_TIMEOUT_S set, SIGTERM makes the server refuse new
 * meetings — with a message that says what to do — while a running call goes on undisturbed;
 * once its people have left, the server exits on its own.
 */
import { expectInCall, join, leave, randomMeetingId } from './fixtures/call';
import { expectMediaFlowing, recordMetric, waitForFirstDecodedFrame } from './fixtures/media';
import { expect, test } from './fixtures/networkTest';

const DRAINING = 'This server is restarting soon and is not starting new meetings. Try again in a minute.';

test('a draining server refuses new meetings while a running call continues', async ({
  servers,
  participants,
}, testInfo) => {
  const server = await servers.start(1, { env: { DRAIN_TIMEOUT_S: '60' } });
  const contextOptions = { baseURL: server.url };
  const meetingId = randomMeetingId('drain');
  const a = await participants.open(meetingId, { label: 'A', contextOptions });
  const b = await participants.open(meetingId, { label: 'B', contextOptions });
  await join(a.page, 'Alice');
  await join(b.page, 'Bob');
  await Promise.all([waitForFirstDecodedFrame(a.page), waitForFirstDecodedFrame(b.page)]);

  server.signal('SIGTERM');
  const sigtermAt = Date.now();

  await test.step('a new meeting is refused with the draining message', async () => {
    const c = await participants.open(randomMeetingId('drain-new'), { label: 'C', contextOptions });
    await c.page.getByLabel('Your name').fill('Carol');
    await c.page.getByRole('button', { name: 'Join now' }).click();
    await expect(c.page.getByText(DRAINING)).toBeVisible();
    await expect(c.page.getByRole('button', { name: 'Leave call' })).toHaveCount(0);
  });

  await test.step('the running call goes on: both still in it, media flowing both ways', async () => {
    for (const page of [a.page, b.page]) await expectInCall(page);
    await expectMediaFlowing(a.page, 'A while draining');
    await expectMediaFlowing(b.page, 'B while draining');
    expect(server.running, 'the server stopped while a call was still running').toBe(true);
  });

  await test.step('once the call is over the server exits', async () => {
    await leave(a.page);
    await leave(b.page);
    const lastLeft = Date.now();
    expect(await server.exited()).toEqual({ code: 0, signal: null });
    recordMetric(testInfo, 'server exit after the last person left', `${Date.now() - lastLeft} ms`);
    recordMetric(testInfo, 'drain duration (SIGTERM to exit)', `${Date.now() - sigtermAt} ms`);
  });
});
