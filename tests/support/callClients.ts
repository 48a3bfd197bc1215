/**
 * CallClients against a test server, for tests of the client as a whole: clients made with
 * mediasoup-client's FakeHandler device and left together after each test, and waits on their
 * events and on the server's counters.
 */
import { CallClient, type CallClientEvents, type RemoteTrack } from '@/lib/client/CallClient';
import { fakeHandlerFactory } from './browserMedia';
import { getStats } from './testServer';

const WAIT_MS = 5_000;

/** The clients a test file made; `leaveAll` in afterEach. */
export class CallClients {
  readonly #made: CallClient[] = [];

  add(url: string): CallClient {
    const client = new CallClient({ url, handlerFactory: fakeHandlerFactory(), requestTimeoutMs: WAIT_MS });
    this.#made.push(client);
    return client;
  }

  async leaveAll(): Promise<void> {
    await Promise.all(this.#made.splice(0).map((c) => c.leave()));
  }
}

/** Resolves with the first event of this kind that passes `test`. */
export function nextEvent<E extends keyof CallClientEvents>(
  client: CallClient,
  event: E,
  test: (...args: CallClientEvents[E]) => boolean = () => true,
): Promise<CallClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} event`));
    }, WAIT_MS);
    const off = client.on(event, (...args) => {
      if (!test(...args)) return;
      clearTimeout(timer);
      off();
      resolve(args);
    });
  });
}

/** Collects trackAdded events until `n` arrived. */
export function tracksAdded(client: CallClient, n: number): Promise<RemoteTrack[]> {
  const got: RemoteTrack[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${n} tracks`)), WAIT_MS);
    const off = client.on('trackAdded', (t) => {
      got.push(t);
      if (got.length < n) return;
      clearTimeout(timer);
      off();
      resolve(got);
    });
  });
}

type Stats = Awaited<ReturnType<typeof getStats>>;

/** Polls the server's /stats until `check` passes (5 s at most). */
export async function waitForStats(url: string, check: (s: Stats) => boolean): Promise<Stats> {
  for (let i = 0; i < 100; i++) {
    const s = await getStats(url);
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server never reached the expected state: ${JSON.stringify(await getStats(url))}`);
}
