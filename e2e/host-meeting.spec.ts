/**
 * A hosted meeting as people use it: a host signs up and starts a meeting from the dashboard; a
 * guest opens the link, waits, and is let in; both see and hear each other; the guest's chat
 * reaches the host and a late joiner sees it in the history; the host mutes and then removes the
 * guest, who cannot get back in.
 */
import type { Page } from '@playwright/test';
import { cameraTileOf, expectInCall, join, remoteTiles } from './fixtures/call';
import { expectReceiving } from './fixtures/perTrack';
import { signUp } from './fixtures/accounts';
import { expect, test } from './fixtures/test';

/** Joins and expects the waiting room instead of the call. */
async function joinAndWait(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join now' }).click();
  await expect(page.getByTestId('waiting-screen')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Waiting for the host to let you in' })).toBeVisible();
}

async function openPanel(page: Page, name: 'Participants' | 'Chat'): Promise<void> {
  const button = page.getByRole('button', { name: new RegExp(`^${name}`) });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
}

async function admit(host: Page, name: string): Promise<void> {
  await openPanel(host, 'Participants');
  await host.getByRole('button', { name: `Admit ${name}` }).click();
}

test('host starts a meeting, admits guests, chat history, mute and remove', async ({
  participants,
  screenshots,
}) => {
  test.setTimeout(180_000);
  const host = await participants.add({ label: 'host' });
  await signUp(host.page, 'Hana Host');
  await host.page.getByRole('button', { name: 'New meeting' }).click();
  await expect(host.page).toHaveURL(/\/m\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
  const meetingId = new URL(host.page.url()).pathname.split('/').pop()!;
  await join(host.page, 'Hana Host');
  await expect(host.page.getByRole('button', { name: 'Participants' })).toBeVisible();

  const guest = await participants.open(meetingId, { label: 'guest' });

  await test.step('the guest waits; the host is told and admits them', async () => {
    await joinAndWait(guest.page, 'Gus Guest');
    await expect(host.page.getByText('Gus Guest is waiting to join')).toBeVisible();
    await screenshots.save(guest.page, 'waiting-room-guest');
    await admit(host.page, 'Gus Guest');
    await expectInCall(guest.page);
  });

  await test.step('host and guest decode each other', async () => {
    await expectReceiving(host.page, 'Gus Guest', 'camera');
    await expectReceiving(host.page, 'Gus Guest', 'microphone');
    await expectReceiving(guest.page, 'Hana Host', 'camera');
    await expectReceiving(guest.page, 'Hana Host', 'microphone');
  });

  const message = 'Hello from Gus <img src=x onerror=alert(1)>';
  await test.step("the guest's chat message appears for the host, as text", async () => {
    await openPanel(guest.page, 'Chat');
    await guest.page.getByLabel('Message').fill(message);
    await guest.page.getByRole('button', { name: 'Send' }).click();
    await expect(host.page.getByTestId('chat-button')).toContainText('1');
    await openPanel(host.page, 'Chat');
    await expect(host.page.getByTestId('chat-message')).toContainText(message);
    await expect(host.page.locator('[data-testid="chat-messages"] img')).toHaveCount(0);
    await screenshots.save(host.page, 'host-chat');
  });

  await test.step('a late joiner, once admitted, sees the message in the history', async () => {
    const late = await participants.open(meetingId, { label: 'late joiner' });
    await joinAndWait(late.page, 'Lou Late');
    await admit(host.page, 'Lou Late');
    await expectInCall(late.page);
    await openPanel(late.page, 'Chat');
    await expect(late.page.getByTestId('chat-message')).toContainText(message);
    await expect(late.page.getByTestId('chat-message')).toContainText('Gus Guest');
  });

  await test.step('the host mutes the guest', async () => {
    await openPanel(host.page, 'Participants');
    await host.page.getByRole('button', { name: 'Mute Gus Guest' }).click();
    await expect(cameraTileOf(host.page, 'Gus Guest')).toHaveAttribute('data-mic', 'muted');
    await expect(guest.page.getByRole('button', { name: 'Microphone', exact: true })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await expect(guest.page.getByText('Hana Host turned off your microphone.')).toBeVisible();
  });

  await test.step('the host removes the guest, who cannot get back in', async () => {
    host.page.once('dialog', (d) => void d.accept());
    await host.page.getByRole('button', { name: 'Remove Gus Guest' }).click();
    await expect(guest.page.getByTestId('ended-screen')).toContainText('You were removed from the meeting');
    await expect(remoteTiles(host.page)).toHaveCount(1); // only Lou left
    await guest.page.goto(`/m/${meetingId}`);
    await guest.page.getByRole('button', { name: 'Join now' }).click();
    await expect(guest.page.getByTestId('ended-screen')).toContainText('cannot rejoin');
    await screenshots.save(guest.page, 'removed-guest');
  });

  for (const p of participants.all) expect(p.errors.filter((e) => !e.includes('403'))).toEqual([]);
});
