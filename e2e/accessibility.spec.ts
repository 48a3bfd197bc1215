/**
 * Accessibility: axe-core finds no serious or critical problem on any page or call state
 * (landing, sign-in, sign-up, dashboard, pre-join, the call with each panel open, a waiting
 * notice, the waiting room, diagnostics); and the call works from the keyboard: the chat button
 * is reached with Tab, Enter opens the chat with focus in the message field, Escape closes it and
 * focus comes back to the chat button.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { expectInCall, join, randomMeetingId } from './fixtures/call';
import { joinAndWait, signUp, startMeeting } from './fixtures/accounts';
import { expectNoSeriousViolations } from './fixtures/axe';

/** Opens a call panel by its control, checks the page, closes it again with Escape. */
async function checkPanel(page: Page, button: RegExp, state: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByRole('button', { name: button })).toHaveAttribute('aria-pressed', 'true');
  await expectNoSeriousViolations(page, state);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: button })).toHaveAttribute('aria-pressed', 'false');
}

test('no serious or critical axe findings on any page or call state', async ({ participants }) => {
  test.setTimeout(240_000);
  const host = await participants.add({ label: 'host' });
  const page = host.page;

  for (const [path, state] of [
    ['/', 'landing'],
    ['/signin', 'sign-in'],
    ['/signup', 'sign-up'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, state);
  }

  await signUp(page, 'Hana Host');
  await expectNoSeriousViolations(page, 'dashboard');
  const meetingId = await startMeeting(page);
  await expect(page.getByRole('button', { name: 'Join now' })).toBeEnabled({ timeout: 30_000 });
  await expectNoSeriousViolations(page, 'pre-join');
  await join(page);
  await expectNoSeriousViolations(page, 'in call');

  await checkPanel(page, /^Chat/, 'in call, chat open');
  await checkPanel(page, /^Participants/, 'in call, participants open');
  await checkPanel(page, /^Settings$/, 'in call, settings open');
  await page.getByRole('button', { name: 'Connection statistics' }).click();
  await expect(page.locator('#connection-statistics')).toBeVisible();
  await expectNoSeriousViolations(page, 'in call, statistics open');
  await page.getByRole('button', { name: 'Connection statistics' }).click();

  const guest = await participants.open(meetingId, { label: 'guest' });
  await joinAndWait(guest.page, 'Gus Guest');
  await expectNoSeriousViolations(guest.page, 'waiting room');
  await expect(page.getByRole('group', { name: 'Gus Guest is waiting to join' })).toBeVisible();
  await expectNoSeriousViolations(page, 'in call, someone waiting');

  await guest.page.goto('/diagnostics');
  await expect(guest.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(guest.page, 'diagnostics');
});

test('the chat works from the keyboard: Tab to it, Enter, Escape, focus back', async ({ participants }) => {
  const a = await participants.open(randomMeetingId(), { label: 'A' });
  await join(a.page, 'Kay Keyboard');
  await expectInCall(a.page);
  const chatButton = a.page.getByTestId('chat-button');

  // Reach the chat button with Tab alone, from the top of the page.
  await a.page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await a.page.keyboard.press('Tab');
    reached = await chatButton.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'the chat button is reachable with Tab').toBe(true);
  // A visible focus ring: the focused control draws an outline.
  expect(await chatButton.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

  await a.page.keyboard.press('Enter');
  await expect(a.page.getByRole('region', { name: 'Chat' })).toBeVisible();
  await expect(a.page.getByLabel('Message')).toBeFocused();
  await a.page.keyboard.type('typed without a mouse');
  await a.page.keyboard.press('Enter');
  await expect(a.page.getByTestId('chat-message')).toContainText('typed without a mouse');

  await a.page.keyboard.press('Escape');
  await expect(a.page.getByRole('region', { name: 'Chat' })).toHaveCount(0);
  await expect(chatButton).toBeFocused();
  await expect(chatButton).toHaveAttribute('aria-pressed', 'false');

  // The same with the participants panel opened by its shortcut.
  await a.page.keyboard.press('p');
  await expect(a.page.getByRole('region', { name: 'Participants' })).toBeVisible();
  await a.page.keyboard.press('Escape');
  await expect(a.page.getByRole('button', { name: /^Participants/ })).toBeFocused();
});
