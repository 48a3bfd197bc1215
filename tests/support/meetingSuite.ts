/**
 * The shared setup of the meeting-rules test files: one real server (one media worker, its own
 * database) per file with a MeetingFixture, clients closed after each test and the server checked
 * back to idle. Call at the top of a test file; read `suite.srv` / `suite.fx` inside tests.
 */
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { MeetingFixture } from './meetingFixture';
import { IDLE, activity, getStats, startTestServer, type TestServer } from './testServer';

export interface MeetingSuite {
  srv: TestServer;
  fx: MeetingFixture;
}

export function meetingSuite(): MeetingSuite {
  const suite = {} as MeetingSuite;
  beforeAll(async () => {
    suite.srv = await startTestServer({ workers: 1, env: { EMPTY_ROOM_TIMEOUT_S: '1' } });
    suite.fx = await MeetingFixture.create(suite.srv);
  });
  afterAll(async () => {
    await suite.srv?.close();
  });
  afterEach(async () => {
    suite.fx.closeClients();
    await vi.waitFor(async () => expect(activity(await getStats(suite.srv.url))).toEqual(IDLE), {
      timeout: 5_000,
    });
  });
  return suite;
}
