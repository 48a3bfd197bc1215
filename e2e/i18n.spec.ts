/**
 * The interface in the visitor's language: chosen from the browser's language (Accept-Language),
 * changed with the language picker and remembered across visits, without changing any URL.
 */
import type { Page } from '@playwright/test';
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
