/**
 * Host accounts in a real browser: sign up lands on the dashboard with a session cookie that
 * scripts cannot read (httpOnly, SameSite=Lax); signing out ends it and the dashboard sends
 * visitors to sign in; signing in again works; a wrong password shows an error.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

const PASSWORD = 'correct horse 42';
const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

async function signUp(page: Page, name: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Fills and submits the sign-in form, and waits for the server action to answer. */
async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes('/signin'),
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  await answered;
}

/** The form's alert (Next.js adds a route announcer with the same role). */
function formError(page: Page) {
  return page.getByRole('main').getByRole('alert');
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'ic_session');
}

test('sign up, sign out, sign in again', async ({ page, context }) => {
  const email = uniqueEmail('host');

  await test.step('sign up lands on the dashboard', async () => {
    await signUp(page, 'Hedy Host', email);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText('Signed in as')).toContainText(`Signed in as Hedy Host (${email})`);
  });

  await test.step('the session cookie is httpOnly, SameSite=Lax, site-wide, for 30 days', async () => {
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Math.abs((cookie?.expires ?? 0) - (Date.now() / 1000 + THIRTY_DAYS_S))).toBeLessThan(120);
    expect(await page.evaluate(() => document.cookie)).not.toContain('ic_session');
  });

  await test.step('sign out ends the session; the dashboard asks to sign in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);
    expect(await sessionCookie(context)).toBeUndefined();
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/signin\?next=(%2F|\/)dashboard$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  await test.step('sign in again returns to the dashboard', async () => {
    await signIn(page, email.toUpperCase(), PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText('Signed in as')).toContainText('Hedy Host');
    expect(await sessionCookie(context)).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });
});

test('a wrong password shows an error and signs nobody in', async ({ participants }) => {
  const email = uniqueEmail('typo');
  const owner = await participants.context();
  await signUp(await owner.newPage(), 'Tess Typo', email);
  await owner.close();

  const context = await participants.context();
  const page = await context.newPage();
  await page.goto('/signin');
  await signIn(page, email, 'not the password');
  await expect(formError(page)).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  expect(await sessionCookie(context)).toBeUndefined();

  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('an email can have only one account', async ({ page }) => {
  const email = uniqueEmail('twice');
  await signUp(page, 'First', email);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.context().clearCookies();
  await signUp(page, 'Second', email.toUpperCase());
  await expect(formError(page)).toHaveText('An account with this email already exists. Sign in instead.');
  await expect(page).toHaveURL(/\/signup$/);
});

test('repeated wrong passwords are blocked, and a forged X-Forwarded-For does not help', async ({ page }) => {
  const email = uniqueEmail('locked');
  await signUp(page, 'Lou Locked', email);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.context().clearCookies();

  await page.goto('/signin');
  for (let attempt = 1; attempt <= 5; attempt++) {
    // Without TRUST_PROXY the server keys the limit on the socket address, not on this header.
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': `198.51.100.${attempt}` });
    await signIn(page, email, `wrong guess ${attempt}`);
    await expect(formError(page)).toHaveText('Wrong email or password.');
    // React resets the form once the action is done; type the next attempt after that.
    await expect(page.getByLabel('Password')).toHaveValue('');
  }
  await signIn(page, email, PASSWORD);
  await expect(formError(page)).toHaveText('Too many attempts, try again in 15 minutes.');
  await expect(page).toHaveURL(/\/signin$/);
});
