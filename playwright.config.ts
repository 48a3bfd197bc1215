import { defineConfig } from '@playwright/test';
import { BASE_ARGS } from './e2e/fixtures/browsers';
import os from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests against the production build served by `server.ts` (run `npm run build`
 * first; `npm test` does). Chromium is Debian's, with fake camera/microphone devices.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    video: 'off',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    permissions: ['camera', 'microphone'],
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', ...BASE_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx server.ts',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ANNOUNCED_IP: '127.0.0.1',
      // Loopback only, and media ports away from a dev server's default 40000+.
      HOST: '127.0.0.1',
      RTC_LISTEN_IP: '127.0.0.1',
      // Below Linux's ephemeral range (32768+), where browsers' own sockets could take it first.
      RTC_BASE_PORT: process.env.E2E_RTC_BASE_PORT ?? '21000',
      MEDIA_WORKERS: '2',
      NEXT_TELEMETRY_DISABLED: '1',
      ENABLE_DEV_PAGES: '1',
      // Every spec signs up its own hosts from 127.0.0.1.
      SIGNUPS_PER_IP_PER_HOUR: '1000',
      // The embedded database of the test server, per port so parallel runs do not share it.
      DATA_DIR: process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `idea-communicator-e2e-${port}`),
    },
    url: `${baseURL}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
