/**
 * The host dashboard in a real browser: New meeting opens /m/<code> (the pre-join screen) and the
 * meeting is listed afterwards with a link that copies; scheduling refuses a past time and lists a
 * future one (the browser's time zone is honoured); settings persist over a reload and bad input
 * is refused by the server; a past meeting shows who attended; delete asks first, then removes it;
 * another account neither sees the meetings nor can change or delete them, even with a forged form.
 * Screenshots: test-results/screenshots/dashboard-{desktop,phone}.png.
 */
import type { Locator, Page } from '@playwright/test';
import { CamelCasePlugin, Kysely } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { SQLITE_FILE_NAME } from '@/lib/config';
import { recordJoin, recordLeave } from '@/lib/db/attendance';
import { createMeeting } from '@/lib/db/meetings';
import type { Db } from '@/lib/db/schema';
import { createSqliteDialect } from '@/lib/db/sqliteDialect';
import { findUserByEmail } from '@/lib/db/users';
import { generateMeetingCode } from '@/lib/meetings/meetingCode';
import type { Participants } from './fixtures/Participants';
import { expect, test } from './fixtures/test';

const PASSWORD = 'correct horse 42';
const CODE = /^[a-km-z]{3}-[a-km-z]{4}-[a-km-z]{3}$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOT_YOURS = 'This meeting no longer exists, or it is not yours.';

/**
 * The e2e server's embedded database (same folder rule as playwright.config.ts), opened beside the
 * server (SQLite in WAL mode allows that). Built here rather than with openDatabase, whose
 * on-demand import of the driver the test runner's loader does not handle.
 */
function openServerDatabase(): Db {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const dir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `idea-communicator-e2e-${port}`);
  const dialect = createSqliteDialect(path.join(dir, SQLITE_FILE_NAME));
  return new Kysely({ dialect, plugins: [new CamelCasePlugin()] });
}

function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

async function newAccount(people: Participants, name: string, email: string, timezoneId?: string) {
  const context = await people.context({ viewport: { width: 1280, height: 800 }, timezoneId });
  const page = await context.newPage();
  await page.goto('/signup?next=/dashboard');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return { context, page };
}

function list(page: Page, name: 'Upcoming' | 'Past'): Locator {
  return page.getByRole('list', { name: new RegExp(`^${name}`) });
}

/** The card of a meeting, found by its link. */
function meetingCard(page: Page, code: string): Locator {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: `/m/${code}`, exact: true }) });
}

/** The alert inside a region (Next.js adds a route announcer with the same role). */
function alertIn(scope: Locator): Locator {
  return scope.getByRole('alert');
}

/** A local datetime-local value N days from now at hh:mm, built in the browser's time zone. */
function localDateTime(page: Page, daysAhead: number, time: string): Promise<string> {
  return page.evaluate(
    ([days, hhmm]) => {
      const d = new Date();
      d.setDate(d.getDate() + days);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${hhmm}`;
    },
    [daysAhead, time] as const,
  );
}

async function openSettings(card: Locator): Promise<void> {
  await card.locator('summary', { hasText: 'Settings' }).click();
  await expect(card.getByLabel('Max participants')).toBeVisible();
}

test('a host starts, schedules, configures and deletes meetings; nobody else can', async ({
  participants,
  screenshots,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const hostEmail = uniqueEmail('dash-host');
  // A zone away from UTC, so a wrongly converted schedule time would show.
  const { context: host, page } = await newAccount(participants, 'Hedy Host', hostEmail, 'Asia/Kolkata');
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  let instantCode = '';
  let scheduledCode = '';
  let pastCode = '';

  await test.step('signed out, the dashboard asks to sign in', async () => {
    const anonymous = await participants.context();
    const other = await anonymous.newPage();
    await other.goto('/dashboard');
    await expect(other).toHaveURL(/\/signin\?next=(%2F|\/)dashboard$/);
  });

  await test.step('New meeting opens the pre-join screen of a fresh owned meeting', async () => {
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByText('No upcoming meetings.')).toBeVisible();
    await page.getByRole('button', { name: 'New meeting' }).click();
    await expect(page).toHaveURL(/\/m\/[a-z-]+$/);
    instantCode = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(instantCode).toMatch(CODE);
    await expect(page.getByRole('button', { name: 'Join now' })).toBeVisible();
  });

  await test.step('back on the dashboard the meeting is listed with its link', async () => {
    await page.goto('/dashboard');
    const card = meetingCard(page, instantCode);
    await expect(list(page, 'Upcoming').getByRole('listitem')).toHaveCount(1);
    await expect(list(page, 'Upcoming')).toContainText(instantCode);
    await expect(card.getByRole('heading', { name: 'Instant meeting' })).toBeVisible();
    await expect(card.getByRole('link', { name: `/m/${instantCode}` })).toHaveAttribute(
      'href',
      `/m/${instantCode}`,
    );
    await expect(card.getByRole('link', { name: 'Join' })).toHaveAttribute('href', `/m/${instantCode}`);
    await expect(card).toContainText('Started');
  });

  await test.step('Copy link puts the absolute meeting URL on the clipboard', async () => {
    await host.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const card = meetingCard(page, instantCode);
    await card.getByRole('button', { name: 'Copy link' }).click();
    await expect(card.getByRole('button', { name: 'Link copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/m/${instantCode}`);
  });

  const schedule = page.getByRole('region', { name: 'Schedule a meeting' });

  await test.step('a time in the past is refused with a clear message', async () => {
    await schedule.getByLabel('Title').fill('Too late');
    await schedule.getByLabel('Date and time').fill(await localDateTime(page, -1, '10:00'));
    await schedule.getByRole('button', { name: 'Schedule' }).click();
    await expect(alertIn(schedule)).toHaveText('That time has already passed. Pick a time in the future.');
    // What was typed stays, to be corrected.
    await expect(schedule.getByLabel('Title')).toHaveValue('Too late');
    await expect(list(page, 'Upcoming').getByRole('listitem')).toHaveCount(1);
  });

  await test.step('a meeting scheduled for tomorrow is listed under upcoming with its link', async () => {
    const when = await localDateTime(page, 1, '10:30');
    await schedule.getByLabel('Title').fill('Design review');
    await schedule.getByLabel('Date and time').fill(when);
    await schedule.getByRole('button', { name: 'Schedule' }).click();
    const card = list(page, 'Upcoming').getByRole('listitem', { name: 'Design review' });
    await expect(card).toBeVisible();
    await expect(alertIn(schedule)).toHaveText('');
    await expect(schedule.getByLabel('Title')).toHaveValue('');
    const link = card.getByRole('link', { name: /^\/m\// });
    scheduledCode = ((await link.getAttribute('href')) ?? '').replace('/m/', '');
    expect(scheduledCode).toMatch(CODE);
    await expect(card).toContainText('Scheduled for');
    // Stored as the browser's local 10:30 (India: 05:00 UTC), and shown in local time.
    const expected = await page.evaluate((local) => new Date(local).toISOString(), when);
    await expect(card.locator('time')).toHaveAttribute('datetime', expected);
    await expect(card.locator('time')).toContainText('10:30');
    // Sorted by time: the instant meeting (now) first.
    await expect(list(page, 'Upcoming').getByRole('heading')).toHaveText([
      'Instant meeting',
      'Design review',
    ]);
  });

  await test.step('settings are saved and still there after a reload', async () => {
    const card = meetingCard(page, scheduledCode);
    await openSettings(card);
    await expect(card.getByLabel('Waiting room')).toBeChecked();
    await expect(card.getByLabel('Max participants')).toHaveValue('100');
    // Hosted meetings may be recorded unless the host turns it off.
    await expect(card.getByLabel('Allow recording')).toBeChecked();
    await card.getByLabel('Waiting room').uncheck();
    await card.getByLabel('Allow recording').uncheck();
    await card.getByLabel('Max participants').fill('10');
    await card.getByRole('button', { name: 'Save settings' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

    await page.reload();
    const reloaded = meetingCard(page, scheduledCode);
    await expect(reloaded.getByText('(no waiting room · up to 10)')).toBeVisible();
    await openSettings(reloaded);
    await expect(reloaded.getByLabel('Allow recording')).not.toBeChecked();
    await expect(reloaded.getByLabel('Waiting room')).not.toBeChecked();
    await expect(reloaded.getByLabel('Lock the meeting')).not.toBeChecked();
    await expect(reloaded.getByLabel('Guests can share their screen')).toBeChecked();
    await expect(reloaded.getByLabel('Max participants')).toHaveValue('10');
    // The other meeting kept its defaults.
    await expect(
      meetingCard(page, instantCode).getByText('(waiting room · recording allowed · up to 100)'),
    ).toBeVisible();
  });

  await test.step('the server refuses an out-of-range max even when the browser does not check', async () => {
    const card = meetingCard(page, scheduledCode);
    const max = card.getByLabel('Max participants');
    await max.evaluate((el) => el.removeAttribute('max'));
    await max.fill('500');
    await card.getByRole('button', { name: 'Save settings' }).click();
    await expect(alertIn(card)).toHaveText('Max participants must be a whole number from 2 to 200.');
    await expect(max).toHaveValue('500');
    await page.reload();
    await openSettings(meetingCard(page, scheduledCode));
    await expect(meetingCard(page, scheduledCode).getByLabel('Max participants')).toHaveValue('10');
  });

  await test.step('a past meeting shows who attended and for how long', async () => {
    const db = openServerDatabase();
    try {
      const owner = await findUserByEmail(db, hostEmail);
      expect(owner).not.toBeNull();
      const start = Date.now() - 3 * DAY;
      pastCode = generateMeetingCode();
      await createMeeting(
        db,
        { id: pastCode, ownerId: owner!.id, title: 'Last retro', scheduledAt: start },
        start - DAY,
      );
      const base = { meetingId: pastCode, role: 'guest' as const };
      const hostEntry = await recordJoin(
        db,
        { ...base, participantId: 'p1', displayName: 'Hedy Host', userId: owner!.id, role: 'host' },
        start,
      );
      const guestEntry = await recordJoin(
        db,
        { ...base, participantId: 'p2', displayName: 'Gus Guest', userId: null },
        start + 5 * MINUTE,
      );
      await recordLeave(db, guestEntry, start + 35 * MINUTE);
      await recordLeave(db, hostEntry, start + 65 * MINUTE);
    } finally {
      await db.destroy();
    }
    await page.reload();
    const card = list(page, 'Past').getByRole('listitem', { name: 'Last retro' });
    await expect(card).toBeVisible();
    await expect(card.getByRole('link', { name: 'Join' })).toHaveCount(0);
    const rows = card.getByRole('row');
    await expect(rows.first()).toBeHidden(); // collapsed
    await card.locator('summary', { hasText: 'Attendance' }).click();
    await expect(rows).toHaveText([
      'NameRoleTime in meeting',
      'Hedy HostHost1 h 5 min',
      'Gus GuestGuest30 min',
    ]);
  });

  await test.step('screenshots at desktop and phone width', async () => {
    await page.reload();
    await openSettings(meetingCard(page, scheduledCode));
    await list(page, 'Past').locator('summary', { hasText: 'Attendance' }).click();
    await screenshots.save(page, 'dashboard-desktop', { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await openSettings(meetingCard(page, scheduledCode));
    await screenshots.save(page, 'dashboard-phone', { fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page scrolls sideways at phone width').toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('another account sees none of it and cannot change or delete it', async () => {
    const { page: other } = await newAccount(participants, 'Rita Rival', uniqueEmail('dash-rival'));
    for (const code of [instantCode, scheduledCode, pastCode]) {
      await expect(other.getByText(code)).toHaveCount(0);
    }
    await expect(other.getByText('No upcoming meetings.')).toBeVisible();
    await expect(other.getByText('No past meetings yet.')).toBeVisible();

    // A meeting of Rita's own, whose forms are then pointed at Hedy's meeting.
    await other.getByRole('button', { name: 'New meeting' }).click();
    await expect(other).toHaveURL(/\/m\/[a-z-]+$/);
    const ownCode = new URL(other.url()).pathname.split('/').pop() ?? '';
    await other.goto('/dashboard');
    const own = meetingCard(other, ownCode);

    await openSettings(own);
    await own.locator('input[name="meetingId"]').evaluate((el, code) => {
      (el as HTMLInputElement).value = code;
    }, scheduledCode);
    await own.getByLabel('Lock the meeting').check();
    await own.getByRole('button', { name: 'Save settings' }).click();
    await expect(alertIn(own)).toHaveText(NOT_YOURS);

    await own.getByRole('button', { name: 'Delete Instant meeting' }).click();
    const confirm = own.getByRole('button', { name: 'Yes, delete' });
    await own
      .locator('form')
      .filter({ has: other.getByRole('button', { name: 'Yes, delete' }) })
      .locator('input[name="meetingId"]')
      .evaluate((el, code) => {
        (el as HTMLInputElement).value = code;
      }, scheduledCode);
    await confirm.click();
    await expect(own.getByRole('alert').filter({ hasText: NOT_YOURS })).toHaveCount(2);
    await expect(meetingCard(other, ownCode)).toBeVisible();

    // Hedy's meeting is untouched.
    await page.reload();
    await expect(meetingCard(page, scheduledCode).getByText('(no waiting room · up to 10)')).toBeVisible();
  });

  await test.step('delete asks first, then removes the meeting for good', async () => {
    const card = meetingCard(page, scheduledCode);
    await card.getByRole('button', { name: 'Delete Design review' }).click();
    await expect(card.getByText('Delete this meeting and its history?')).toBeVisible();
    await card.getByRole('button', { name: 'Cancel' }).click();
    await expect(card).toBeVisible();

    await card.getByRole('button', { name: 'Delete Design review' }).click();
    await card.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(meetingCard(page, scheduledCode)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(meetingCard(page, scheduledCode)).toHaveCount(0);
    await expect(meetingCard(page, instantCode)).toBeVisible();
    await expect(meetingCard(page, pastCode)).toBeVisible();
  });

  // Hydration mismatches (local times) and failed actions would show here.
  expect(errors).toEqual([]);
});
