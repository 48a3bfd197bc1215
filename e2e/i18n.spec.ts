/**
 * The interface in the visitor's language: chosen from the browser's language (Accept-Language),
 * changed with the language picker and remembered across visits, without changing any URL.
 */
import type { Page } from '@playwright/test';
import { randomMeetingId } from './fixtures/call';
import { expect, test } from './fixtures/test';

const MEETING = '/m/abc-defg-hij';

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

test('a German browser gets the landing and pre-join screens in German', async ({ participants }) => {
  const { page } = await participants.add({ contextOptions: { locale: 'de-DE' } });
  await page.goto('/');
  expect(await htmlLang(page)).toBe('de');
  await expect(page.getByRole('button', { name: 'Neue Besprechung' })).toBeVisible();
  await expect(page.getByText('Videokonferenzen auf Ihrem eigenen Server.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Melden Sie sich an' })).toHaveAttribute('href', '/signin');
  await expect(page.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');

  // The client island speaks German too.
  await page.getByLabel('Besprechungscode oder Link').fill('kein Code!');
  await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Geben Sie einen Besprechungscode wie abc-defg-hij ein oder fügen Sie einen Besprechungslink ein.',
  );

  await page.goto(MEETING);
  expect(await htmlLang(page)).toBe('de');
  await expect(page.getByRole('heading', { name: 'Bereit zum Beitreten?' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Jetzt beitreten' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mikrofon', exact: true })).toHaveAttribute(
    'title',
    /^Mikrofon (aus|ein)schalten$/,
  );
  await expect(page.getByLabel('Ihr Name')).toBeVisible();
});

test('a Spanish browser gets the landing and pre-join screens in Spanish', async ({ participants }) => {
  const { page } = await participants.add({ contextOptions: { locale: 'es-ES' } });
  await page.goto('/');
  expect(await htmlLang(page)).toBe('es');
  await expect(page.getByRole('button', { name: 'Nueva reunión' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'crea una cuenta' })).toHaveAttribute('href', '/signup');

  await page.goto(MEETING);
  expect(await htmlLang(page)).toBe('es');
  await expect(page.getByRole('heading', { name: '¿Todo listo para unirte?' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unirse ahora' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copiar enlace' })).toBeVisible();
});

test('the language picker switches the language, keeps the URL and is remembered', async ({
  participants,
}) => {
  const { page, context } = await participants.add({ contextOptions: { locale: 'en-US' } });
  await page.goto('/');
  expect(await htmlLang(page)).toBe('en');
  await expect(page.getByRole('button', { name: 'New meeting' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('button', { name: 'Neue Besprechung' })).toBeVisible();
  await expect.poll(() => htmlLang(page)).toBe('de');
  expect(new URL(page.url()).pathname).toBe('/');

  // Remembered: a reload and a new tab of this browser (whose own language is still English).
  await page.reload();
  await expect(page.getByRole('button', { name: 'Neue Besprechung' })).toBeVisible();
  const tab = await context.newPage();
  await tab.goto(MEETING);
  await expect(tab.getByRole('button', { name: 'Jetzt beitreten' })).toBeVisible();

  // Switching on the pre-join screen keeps the meeting link as it is.
  await tab.getByRole('combobox', { name: 'Sprache' }).selectOption('es');
  await expect(tab.getByRole('button', { name: 'Unirse ahora' })).toBeVisible();
  expect(new URL(tab.url()).pathname).toBe(MEETING);
  await tab.close();

  // The other tab picks the last choice up on its next visit.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Nueva reunión' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'New meeting' })).toBeVisible();
  await expect.poll(() => htmlLang(page)).toBe('en');
});

test('French: landing, sign-in and pre-join screens', async ({ participants }) => {
  const { page } = await participants.add({ contextOptions: { locale: 'fr-FR' } });
  await page.goto('/');
  expect(await htmlLang(page)).toBe('fr');
  await expect(page.getByRole('button', { name: 'Nouvelle réunion' })).toBeVisible();

  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Se connecter' })).toBeVisible();
  await expect(page.getByLabel('Mot de passe')).toBeVisible();
  await expect(page).toHaveTitle('Se connecter · Idea Communicator');

  await page.goto(MEETING);
  await expect(page.getByRole('heading', { name: 'Prêt à rejoindre ?' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rejoindre', exact: true })).toBeVisible();
});

test('German dashboard: forms in German and times in German format', async ({ participants }) => {
  const context = await participants.context({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto('/signup?next=/dashboard');
  await expect(page.getByRole('heading', { name: 'Konto erstellen' })).toBeVisible();
  await page.getByLabel('Ihr Name').fill('Greta');
  await page.getByLabel('E-Mail').fill(`greta-${Date.now()}@example.com`);
  await page.getByLabel('Passwort').fill('ein langes Passwort');
  await page.getByRole('button', { name: 'Konto erstellen' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();

  const when = await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 3);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T14:30`;
  });
  await page.getByLabel('Titel').fill('Planungsrunde');
  await page.getByLabel('Datum und Uhrzeit').fill(when);
  await page.getByRole('button', { name: 'Planen', exact: true }).click();

  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Planungsrunde' }) });
  await expect(card).toContainText('Geplant für');
  const time = card.locator('time').first();
  // 24-hour German time ("14:30"), not "2:30 PM", with German day and month names.
  await expect(time).toContainText('14:30');
  const expected = await time.evaluate((el) =>
    new Intl.DateTimeFormat('de', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'Europe/Berlin',
    }).format(new Date(el.getAttribute('datetime') ?? '')),
  );
  await expect(time).toHaveText(expected);
  await expect(card.getByRole('button', { name: 'Planungsrunde löschen' })).toBeVisible();
});

test('a call in German: the notice of a raised hand and the tile names', async ({ participants }) => {
  test.setTimeout(120_000);
  const meetingId = randomMeetingId('i18n');
  const joinInGerman = async (name: string) => {
    const p = await participants.add({ label: name, contextOptions: { locale: 'de-DE' } });
    await p.page.goto(`/m/${meetingId}`);
    await p.page.getByLabel('Ihr Name').fill(name);
    await p.page.getByRole('button', { name: 'Jetzt beitreten' }).click();
    await expect(p.page.getByTestId('call-status')).toHaveAttribute('data-state', 'joined', {
      timeout: 30_000,
    });
    return p.page;
  };
  const greta = await joinInGerman('Greta');
  const hans = await joinInGerman('Hans');

  await expect(greta.getByRole('figure', { name: /^Greta \(Sie\)/ })).toBeVisible();
  await greta.getByRole('button', { name: 'Hand heben' }).click();
  // The toast (a status with its own dismiss button), not the screen-reader line.
  const notice = hans.getByRole('status').filter({ has: hans.getByRole('button', { name: 'Schließen' }) });
  await expect(notice).toContainText('Greta hat die Hand gehoben');
});

test('a German sign-in refusal is said in German', async ({ participants }) => {
  const { page } = await participants.add({ contextOptions: { locale: 'de-DE' } });
  await page.goto('/signin');
  await page.getByLabel('E-Mail').fill(`niemand-${Date.now()}@example.com`);
  await page.getByLabel('Passwort').fill('falsches Passwort');
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'E-Mail-Adresse oder Passwort ist falsch.',
  );
});

test('the connection test in German: checks, figures and verdict', async ({ participants }) => {
  test.setTimeout(150_000);
  const { page } = await participants.add({ contextOptions: { locale: 'de-DE' } });
  await page.goto('/diagnostics');
  await expect(page.getByRole('heading', { name: 'Verbindungstest', level: 1 })).toBeVisible();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible({ timeout: 75_000 });
  await expect(verdict).toContainText('Direkte Verbindungen funktionieren über UDP und TCP');
  await expect(verdict).toContainText('Es ist kein TURN-Relay eingerichtet');
  const signaling = page.getByRole('listitem', { name: 'Signalisierung', exact: true });
  await expect(signaling).toContainText(/\d+ ms Umlaufzeit im Median/);
  await expect(page.getByRole('listitem', { name: 'UDP', exact: true })).toContainText(
    /\d+ kbit\/s · [\d.]+ % Verlust/,
  );
});
