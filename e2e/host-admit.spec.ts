/**
 * Letting people in as a host sees it: the account name is already on the pre-join screen; a
 * guest waiting shows as a notice with Admit and Deny and a count on the participants button;
 * Admit from the notice brings the guest in (both decode each other, the chat and the screen
 * reader hear "joined"); Deny shows the guest a refusal. When the host leaves while a guest waits,
 * the guest is told the host isn't there yet, and the returning host lets them in.
 */
import { expect, test } from './fixtures/test';
import { expectInCall, join, openPanel } from './fixtures/call';
import { joinAndWait, signUp, startMeeting } from './fixtures/accounts';
import { expectReceiving } from './fixtures/perTrack';

const HOST_ABSENT = "The host isn't here yet. You'll join as soon as they let you in.";

test('admit and deny right from the waiting notice', async ({ participants, screenshots }) => {
  test.setTimeout(180_000);
  const host = await participants.add({ label: 'host' });
  await signUp(host.page, 'Hana Host');
  const meetingId = await startMeeting(host.page);

  await test.step('the pre-join screen already has the account name', async () => {
    await expect(host.page.getByLabel('Your name')).toHaveValue('Hana Host');
    await join(host.page);
  });

  const guest = await participants.open(meetingId, { label: 'guest' });
  await test.step('a waiting guest shows as a notice with Admit and Deny, and a count', async () => {
    await joinAndWait(guest.page, 'Gus Guest');
    const notice = host.page.getByRole('group', { name: 'Gus Guest is waiting to join' });
    await expect(notice).toBeVisible();
    await expect(host.page.getByRole('button', { name: 'Participants, 1 waiting' })).toBeVisible();
    await expect(host.page.getByTestId('waiting-badge')).toHaveText('1');
    await expect(host.page.getByTestId('live-announcer')).toHaveText('Waiting to join: Gus Guest');
    await screenshots.save(host.page, 'waiting-notice-admit-deny');
    await notice.getByRole('button', { name: 'Admit Gus Guest' }).click();
    await expectInCall(guest.page);
    await expect(notice).toHaveCount(0);
    await expect(host.page.getByRole('button', { name: 'Participants', exact: true })).toBeVisible();
  });

  await test.step('host and guest decode each other', async () => {
    await expectReceiving(host.page, 'Gus Guest', 'camera');
    await expectReceiving(guest.page, 'Hana Host', 'camera');
    await expectReceiving(guest.page, 'Hana Host', 'microphone');
  });

  await test.step('the join is a line in the chat, not anyone’s message', async () => {
    await expect(host.page.getByTestId('live-announcer')).toHaveText('Gus Guest joined');
    await openPanel(host.page, 'Chat');
    await expect(host.page.getByTestId('chat-system-line')).toHaveText(['Gus Guest joined']);
    await expect(host.page.getByTestId('chat-message')).toHaveCount(0);
  });

  await test.step('the guest leaving is a line in the host’s chat too', async () => {
    await guest.page.getByRole('button', { name: 'Leave call' }).click();
    await expect(host.page.getByTestId('chat-system-line')).toHaveText([
      'Gus Guest joined',
      'Gus Guest left',
    ]);
  });
  // One browser fewer for the next step (the machine running the tests is small).
  await guest.context.close();

  await test.step('Deny in the notice turns the next guest away', async () => {
    const denied = await participants.open(meetingId, { label: 'denied guest' });
    await joinAndWait(denied.page, 'Dee Denied');
    const notice = host.page.getByRole('group', { name: 'Dee Denied is waiting to join' });
    await notice.getByRole('button', { name: 'Deny Dee Denied' }).click();
    await expect(denied.page.getByTestId('ended-screen')).toContainText('You were not let in');
    await expect(denied.page.getByTestId('ended-screen')).toContainText('did not let you in');
    await expect(host.page.getByTestId('waiting-badge')).toHaveCount(0);
  });
});

test('a guest waiting while the host is away is told so; the host returns and admits', async ({
  participants,
  screenshots,
}) => {
  test.setTimeout(180_000);
  const host = await participants.add({ label: 'host' });
  await signUp(host.page, 'Hana Host');
  const meetingId = await startMeeting(host.page);
  await join(host.page);

  const guest = await participants.open(meetingId, { label: 'guest' });
  await joinAndWait(guest.page, 'Gus Guest');
  await expect(guest.page.getByRole('heading', { name: 'Waiting for the host to let you in' })).toBeVisible();
  await expect(guest.page.getByText(HOST_ABSENT)).toHaveCount(0);

  await test.step('the host leaves: the guest hears the host is not there', async () => {
    await host.page.getByRole('button', { name: 'Leave call' }).click();
    await expect(host.page.getByRole('heading', { name: 'You left the meeting' })).toBeVisible();
    await expect(guest.page.getByText(HOST_ABSENT)).toBeVisible();
    await screenshots.save(guest.page, 'waiting-host-absent');
  });

  await test.step('the host comes back and admits the guest from the notice', async () => {
    await host.page.getByRole('button', { name: 'Rejoin' }).click();
    await join(host.page);
    await expect(guest.page.getByText(HOST_ABSENT)).toHaveCount(0);
    await host.page.getByRole('button', { name: 'Admit Gus Guest' }).click();
    await expectInCall(guest.page);
    await expectReceiving(guest.page, 'Hana Host', 'camera');
    await expectReceiving(host.page, 'Gus Guest', 'camera');
  });
});
