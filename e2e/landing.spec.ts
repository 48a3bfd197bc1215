/** The landing page: start a new meeting, or join one by its code or its link. */
import { expect, test } from './fixtures/test';

const CODE = /^\/m\/[a-km-z]{3}-[a-km-z]{4}-[a-km-z]{3}$/;

test('new meeting gets a hard-to-guess code and opens its pre-join screen', async ({ page, screenshots }) => {
  await page.goto('/');
  await screenshots.save(page, 'landing-desktop');
  await page.getByRole('button', { name: /new meeting/i }).click();
  await expect.poll(() => new URL(page.url()).pathname).toMatch(CODE);
  await expect(page.getByRole('button', { name: 'Join now' })).toBeVisible();
  const first = new URL(page.url()).pathname;
  await page.goto('/');
  await page.getByRole('button', { name: /new meeting/i }).click();
  await expect.poll(() => new URL(page.url()).pathname).toMatch(CODE);
  expect(new URL(page.url()).pathname).not.toBe(first);
});

test('join by code or by pasted link; nonsense gets a hint', async ({ page, screenshots }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await screenshots.save(page, 'landing-phone');
  const input = page.getByLabel('Meeting code or link');
  await input.fill('not a code!');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('abc-defg-hij');

  await input.fill('  abc-defg-hij ');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page).toHaveURL(/\/m\/abc-defg-hij$/);

  await page.goto('/');
  await page.getByLabel('Meeting code or link').fill('https://meet.example.org/m/xyz-abcd-efg?x=1');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page).toHaveURL(/\/m\/xyz-abcd-efg$/);
});

test('meeting tokens are issued to this site only, for valid codes', async ({ request }) => {
  const ok = await request.post('/api/meetings/abc-defg-hij/token', { data: {} });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({
    meetingId: 'abc-defg-hij',
    role: 'guest',
    token: expect.any(String),
  });
  const foreign = await request.post('/api/meetings/abc-defg-hij/token', {
    data: {},
    headers: { origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  const bad = await request.post('/api/meetings/not%20a%20code/token', { data: {} });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
});
