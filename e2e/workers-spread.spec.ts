/**
 * One meeting over two media workers, in real browsers: a server of the test's own with two
 * workers and MAX_CONSUMERS_PER_ROUTER=2, so the first two people fill the home router and later
 * ones are placed on the other worker, their media piped across. Everyone must see and hear
 * everyone, and voices from the other worker must reach speaker detection. Then the other
 * worker is killed (SIGKILL): the people on it are told, come back on their own and decode again,
 * while the people on the surviving worker never stop decoding.
 */
import type { Page } from '@playwright/test';
import type { Stats } from '@/lib/http/opsRoutes';
import { expectInCall, randomMeetingId, type Participant } from './fixtures/call';
import { DecodeMonitor } from './fixtures/DecodeMonitor';
import { waitForFirstDecodedFrame } from './fixtures/media';
import { expect, test } from './fixtures/networkTest';
import { expectReceiving, peerIdOf } from './fixtures/perTrack';
import { recordServerEvents } from './fixtures/signaling';

const INTERRUPTED = 'The meeting was interrupted on the server. Reconnecting…';
/** The longest stand-still of decoding tolerated on the surviving worker (no timing assert). */
const NO_FREEZE_MS = 2_000;

type Person = Participant & { name: string; roomClosed: unknown[]; levels: unknown[] };

/** Joins under its name; a busy machine may take long to connect four browsers (a wait, not a limit). */
async function enter(p: Person): Promise<void> {
  await p.page.getByLabel('Your name').fill(p.name, { timeout: 60_000 });
  await p.page.getByRole('button', { name: 'Join now' }).click({ timeout: 60_000 });
  await expectInCall(p.page, 120_000);
}

async function everyoneDecodesEveryone(people: Person[]): Promise<void> {
  for (const viewer of people) {
    for (const other of people) {
      if (other !== viewer) await expectReceiving(viewer.page, other.name, 'camera');
    }
  }
}

/** Peer ids named in the audioLevels notifications a page received. */
function levelPeerIds(levels: unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const l of levels as Array<{ levels?: Array<{ peerId?: string }> }>) {
    for (const x of l.levels ?? []) if (x.peerId) ids.add(x.peerId);
  }
  return ids;
}

async function peerId(page: Page, name: string): Promise<string> {
  await expect.poll(() => peerIdOf(page, name)).not.toBeNull();
  return (await peerIdOf(page, name)) ?? '';
}

test('a meeting spread over two workers: everyone decodes everyone; a dead worker only sends its own people back', async ({
  participants,
  servers,
}) => {
  test.setTimeout(480_000);
  const server = await servers.start(1, { env: { MEDIA_WORKERS: '2', MAX_CONSUMERS_PER_ROUTER: '2' } });
  const stats = async (): Promise<Stats> => (await (await fetch(`${server.url}/stats`)).json()) as Stats;
  const contextOptions = { baseURL: server.url };
  const meeting = randomMeetingId('spread');
  // The fresh server renders its first meeting page once before any browser waits on it.
  expect((await fetch(`${server.url}/m/${meeting}`)).status).toBe(200);
  const people: Person[] = [];
  const open = async (name: string): Promise<Person> => {
    const p = await participants.add({ label: name, contextOptions });
    // Recording starts before the page loads: the pre-join screen connects its socket already.
    const person = {
      ...p,
      name,
      roomClosed: recordServerEvents(p.page, 'roomClosed'),
      levels: recordServerEvents(p.page, 'audioLevels'),
    };
    await p.page.goto(`/m/${meeting}`);
    await expect(p.page.getByRole('button', { name: 'Join now' })).toBeVisible();
    people.push(person);
    return person;
  };

  await test.step('two people fill the home router; two more go to the other worker', async () => {
    // Every page is loaded before media starts (page loads are what a busy machine slows most).
    const [alice, bob, carol, dave] = [
      await open('Alice'),
      await open('Bob'),
      await open('Carol'),
      await open('Dave'),
    ];
    await enter(alice);
    await enter(bob);
    await Promise.all([waitForFirstDecodedFrame(alice.page), waitForFirstDecodedFrame(bob.page)]);
    await enter(carol);
    await waitForFirstDecodedFrame(carol.page);
    await enter(dave);
    await expect
      .poll(async () => {
        const s = await stats();
        const routers = s.roomRouters[0]?.routers ?? [];
        return `${s.rooms} room, ${routers.length} routers, ${routers.map((r) => r.peers).reduce((a, b) => a + b, 0)} peers`;
      })
      .toBe('1 room, 2 routers, 4 peers');
    const s = await stats();
    expect(s.roomRouters[0]?.routers.map((r) => r.workerIndex).sort()).toEqual([0, 1]);
    expect(s.workerUsage.map((u) => u.routers)).toEqual([1, 1]);
    await everyoneDecodesEveryone(people);
  });

  await test.step('voices from the other worker reach speaker detection on the home router', async () => {
    const [alice, , carol] = people as [Person, Person, Person];
    const carolId = await peerId(alice.page, 'Carol');
    const aliceId = await peerId(carol.page, 'Alice');
    await expect.poll(() => levelPeerIds(alice.levels).has(carolId), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => levelPeerIds(carol.levels).has(aliceId), { timeout: 20_000 }).toBe(true);
  });

  await test.step('SIGKILL the other worker: its people rejoin, the home worker never stops', async () => {
    const before = await stats();
    const home = before.roomRouters[0]?.routers[0];
    const away = before.roomRouters[0]?.routers[1];
    if (!home || !away) throw new Error('expected two routers');
    const pid = before.workerUsage[away.workerIndex]?.pid ?? 0;
    expect(pid).toBeGreaterThan(0);
    const monitors = people.map((p) => new DecodeMonitor(p.page, p.name).start());
    // Only what the kill causes: a pre-join room that closed before anyone joined was told too.
    for (const p of people) p.roomClosed.length = 0;
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');

    // Whoever was on the killed worker is told (Carol is, being the first one placed there).
    await expect.poll(() => people.filter((p) => p.roomClosed.length > 0).length).toBe(away.peers);
    const hit = people.filter((p) => p.roomClosed.length > 0);
    const spared = people.filter((p) => p.roomClosed.length === 0);
    expect(hit.map((p) => p.name)).toContain('Carol');
    expect(spared.length).toBe(home.peers);
    for (const p of hit) expect(p.roomClosed).toEqual([{ callId: meeting, reason: 'worker-died' }]);
    await Promise.all(hit.map((p) => expect(p.page.getByText(INTERRUPTED)).toBeVisible()));
    for (const p of hit) await expectInCall(p.page, 120_000);
    await everyoneDecodesEveryone(people);
    const until = Date.now();
    for (const m of monitors) await m.stop();

    for (const p of spared) {
      const m = monitors[people.indexOf(p)];
      expect(m?.decodedBetween(killedAt, until), `${p.name} decoded frames`).toBeGreaterThan(0);
      expect(m?.longestGapMs(killedAt, until), `${p.name} longest freeze (ms)`).toBeLessThan(NO_FREEZE_MS);
      await expect(p.page.getByText(INTERRUPTED)).toHaveCount(0);
    }
    const after = await stats();
    expect(after.roomRouters[0]?.routers.map((r) => r.peers).reduce((a, b) => a + b, 0)).toBe(4);
    for (const p of spared) expect(p.errors, `browser errors at ${p.name}`).toEqual([]);
  });
});
