/**
 * Refused requests leave nothing behind: an anonymous client that asks for meeting after meeting
 * is refused (LIMIT_REACHED, RATE_LIMITED) before anything is created, so no table grows and no
 * live meeting stays in memory. A meeting is stored only once someone got into it, and is let go
 * of in memory once nobody is in it or waiting for it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db/schema';
import { ErrorCode } from '@/lib/protocol';
import { clientRtpCapabilities } from '@/tests/support/fakeMedia';
import { joinMeeting } from '@/tests/support/meetingFixture';
import { TestClient } from '@/tests/support/testClient';
import { IDLE, activity, getStats, startTestServer, type TestServer } from '@/tests/support/testServer';

let srv: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({ workers: 1, env: { EMPTY_ROOM_TIMEOUT_S: '1' } });
});
afterAll(async () => {
  await srv?.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await vi.waitFor(async () => expect(activity(await getStats(srv.url))).toEqual(IDLE), { timeout: 5_000 });
});

async function connect(): Promise<TestClient> {
  const c = await TestClient.connect(srv.url);
  clients.push(c);
  return c;
}

const TABLES = ['meetings', 'attendance', 'chatMessages', 'revocations'] as const;

async function rowCounts(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = await Promise.all(
    TABLES.map(async (table) => {
      const row = await db
        .selectFrom(table as 'meetings') // every table counts the same way
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return [table, Number(row.n)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<(typeof TABLES)[number], number>;
}

async function liveMeetings(): Promise<number> {
  return (await getStats(srv.url)).liveMeetings;
}

describe('refused requests leave no lasting state', () => {
  it('a meeting someone got into is stored, and let go of in memory when the last one leaves', async () => {
    const before = await rowCounts(srv.database.db);
    const [alice, bob] = [await connect(), await connect()];
    await joinMeeting(alice, 'stored-once-in', 'Alice');
    await joinMeeting(bob, 'stored-once-in', 'Bob');
    expect(await liveMeetings()).toBe(1);
    const during = await rowCounts(srv.database.db);
    expect(during.meetings).toBe(before.meetings + 1);
    expect(during.attendance).toBe(before.attendance + 2);

    await alice.ok('leaveRoom', {});
    expect(await liveMeetings()).toBe(1);
    bob.close();
    await vi.waitFor(async () => expect(await liveMeetings()).toBe(0));
    expect((await rowCounts(srv.database.db)).meetings).toBe(before.meetings + 1);
  });

  it('hundreds of createRoom and joinRoom for new meetings from one anonymous client: refused, and nothing grows', async () => {
    const before = await rowCounts(srv.database.db);
    const client = await connect();
    const { rtpCapabilities: routerCaps } = await client.ok('createRoom', { callId: 'flood-first' });
    const rtpCapabilities = clientRtpCapabilities(routerCaps);

    const codes = new Map<string, number>();
    const count = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
    for (let i = 0; i < 300; i++) {
      const created = await client.request('createRoom', { callId: `flood-create-${i}` });
      count(created.ok ? 'ok' : created.error.code);
    }
    for (let i = 0; i < 300; i++) {
      const joined = await client.request('joinRoom', {
        callId: `flood-join-${i}`,
        userId: 'flood',
        rtpCapabilities,
      });
      count(joined.ok ? 'ok' : joined.error.code);
    }
    // A connection opens at most a few new rooms; everything after that is refused.
    expect(codes.get('ok') ?? 0).toBeLessThanOrEqual(10);
    const refusals = [...codes.keys()].filter((c) => c !== 'ok');
    expect(refusals.every((c) => c === ErrorCode.LIMIT_REACHED || c === ErrorCode.RATE_LIMITED)).toBe(true);
    expect(
      (codes.get(ErrorCode.LIMIT_REACHED) ?? 0) + (codes.get(ErrorCode.RATE_LIMITED) ?? 0),
    ).toBeGreaterThan(580);

    // Nobody got into any of those meetings: no row in any table, nothing live in memory.
    expect(await rowCounts(srv.database.db)).toEqual(before);
    expect(await liveMeetings()).toBe(0);
    expect(srv.server.meetings.size).toBe(0);
  });

  it('other anonymous connections from the same address share one budget of new meetings (RATE_LIMITED)', async () => {
    const codes: string[] = [];
    for (let c = 0; c < 4; c++) {
      const client = await connect();
      for (let i = 0; i < 10; i++) {
        const ack = await client.request('createRoom', { callId: `same-address-${c}-${i}` });
        codes.push(ack.ok ? 'ok' : ack.error.code);
      }
    }
    expect(codes).toContain(ErrorCode.RATE_LIMITED);
    expect(codes.filter((c) => c !== 'ok' && c !== ErrorCode.RATE_LIMITED)).toEqual([]);
    expect(await liveMeetings()).toBe(0);
  });
});
