/**
 * The connection test's Socket.IO namespace (`/diagnostics`). No meeting token is needed, so every
 * cost is capped before anything is created: one test session (one router) per socket, a bounded
 * number of sessions per process and per address at once, and a per-address start rate. A session
 * ends when its socket disconnects or after `sessionLimitMs`, whichever comes first.
 */
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { turnCredentials } from '@/lib/auth/turnCredentials';
import type { Config } from '@/lib/config';
import type { Logger } from '@/lib/log';
import { ErrorCode, ProtocolError, type WireError } from '@/lib/protocol';
import type { WorkerPool } from '@/lib/sfu/WorkerPool';
import { clientIp } from '@/lib/signaling/identity';
import { spend } from '@/lib/signaling/rateLimits';
import { DiagnosticSession } from './DiagnosticSession';
import {
  DIAGNOSTICS_EXPIRED_EVENT,
  DIAGNOSTICS_NAMESPACE,
  DIAGNOSTICS_REQUEST_NAMES,
  diagnosticsRequestSchemas,
  type DiagnosticsPayload,
  type DiagnosticsRequestName,
  type DiagnosticsResults,
} from './protocol';

export interface DiagnosticsLimits {
  /** Test sessions open at once in this process. */
  perProcess: number;
  /** Test sessions open at once from one address. */
  perAddress: number;
  /** Sessions one address may start per minute. */
  startsPerMinute: number;
  /** A session is closed after this long (ms). */
  sessionLimitMs: number;
}

export const DEFAULT_DIAGNOSTICS_LIMITS: DiagnosticsLimits = {
  perProcess: 20,
  perAddress: 3,
  startsPerMinute: 10,
  sessionLimitMs: 60_000,
};

export interface DiagnosticsDeps {
  pool: WorkerPool;
  turn: Config['turn'];
  log: Logger;
  limits?: Partial<DiagnosticsLimits>;
}

/** What the namespace holds right now (for tests and /stats). */
export interface DiagnosticsUsage {
  readonly sessions: number;
}

type AckFn = (res: { ok: true; data: unknown } | { ok: false; error: WireError }) => void;
type Handlers = {
  [E in DiagnosticsRequestName]: (
    payload: DiagnosticsPayload<E>,
  ) => Promise<DiagnosticsResults[E]> | DiagnosticsResults[E];
};

export function registerDiagnostics(io: Server, deps: DiagnosticsDeps): DiagnosticsUsage {
  const limits = { ...DEFAULT_DIAGNOSTICS_LIMITS, ...deps.limits };
  const log = deps.log.child({ component: 'diagnostics' });
  const starts = new RateLimiterMemory({ points: limits.startsPerMinute, duration: 60 });
  const perAddress = new Map<string, number>();
  let total = 0;

  /** Takes a session place for `ip`, or refuses; nothing is created before this succeeds. */
  const reserve = (ip: string): (() => void) => {
    if (total >= limits.perProcess) {
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        'the server is running too many connection tests; try again in a minute',
      );
    }
    if ((perAddress.get(ip) ?? 0) >= limits.perAddress) {
      throw new ProtocolError(
        ErrorCode.LIMIT_REACHED,
        'too many connection tests from your address at once; close the other test pages first',
      );
    }
    total++;
    perAddress.set(ip, (perAddress.get(ip) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      total--;
      const left = (perAddress.get(ip) ?? 1) - 1;
      if (left > 0) perAddress.set(ip, left);
      else perAddress.delete(ip);
    };
  };

  io.of(DIAGNOSTICS_NAMESPACE).on('connection', (socket: Socket) => {
    const ip = clientIp(socket);
    const id = randomUUID();
    const sessionLog = log.child({ socket: socket.id });
    let session: DiagnosticSession | null = null;
    let starting = false;
    let gone = false;
    let timer: NodeJS.Timeout | undefined;

    const current = (): DiagnosticSession => {
      if (!session) throw new ProtocolError(ErrorCode.NOT_JOINED, 'send start first');
      return session;
    };

    const handlers: Handlers = {
      start: async () => {
        if (session || starting) {
          throw new ProtocolError(ErrorCode.LIMIT_REACHED, 'one connection test per connection');
        }
        const release = reserve(ip);
        starting = true;
        try {
          await spend(starts, ip, 'connection tests from your address');
          const opened = await DiagnosticSession.open(deps.pool, release);
          if (gone) {
            opened.close();
            throw new ProtocolError(ErrorCode.ROOM_CLOSED, 'the connection closed');
          }
          session = opened;
        } catch (err) {
          release();
          throw err;
        } finally {
          starting = false;
        }
        timer = setTimeout(() => {
          socket.emit(DIAGNOSTICS_EXPIRED_EVENT, { reason: 'time limit' });
          session?.close();
          socket.disconnect(true);
        }, limits.sessionLimitMs);
        timer.unref();
        return {
          routerRtpCapabilities: session.rtpCapabilities,
          iceServers: turnCredentials(deps.turn, id).iceServers,
          sessionLimitMs: limits.sessionLimitMs,
        } as DiagnosticsResults['start'];
      },
      createTransport: ({ direction, protocol }) => current().createTransport(direction, protocol),
      connectTransport: async (p) => {
        await current().connectTransport(p);
        return {};
      },
      closeTransport: ({ transportId }) => {
        current().closeTransport(transportId);
        return {};
      },
      produce: async (p) => ({ producerId: await current().produce(p) }),
      consume: (p) => current().consume(p),
      resume: async ({ consumerId }) => {
        await current().resume(consumerId);
        return {};
      },
      serverStats: ({ transportId }) => current().transportStats(transportId),
      ping: () => ({ serverTime: Date.now() }),
    };

    // One request at a time per socket, in order, as on the main namespace.
    let queue: Promise<void> = Promise.resolve();
    const run = async (event: string, payload: unknown, ack: AckFn | undefined): Promise<void> => {
      if (!(DIAGNOSTICS_REQUEST_NAMES as string[]).includes(event)) {
        ack?.({
          ok: false,
          error: { code: ErrorCode.BAD_REQUEST, message: `unknown request "${event.slice(0, 64)}"` },
        });
        return;
      }
      const name = event as DiagnosticsRequestName;
      const parsed = diagnosticsRequestSchemas[name].safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || 'payload';
        ack?.({
          ok: false,
          error: { code: ErrorCode.BAD_REQUEST, message: `invalid ${name}: ${where}: ${issue?.message}` },
        });
        return;
      }
      try {
        const handler = handlers[name] as (p: unknown) => unknown;
        ack?.({ ok: true, data: await handler(parsed.data) });
      } catch (err) {
        if (err instanceof ProtocolError) {
          ack?.({ ok: false, error: err.toWire() });
        } else {
          sessionLog.error({ err, event: name }, 'connection test request failed');
          ack?.({ ok: false, error: { code: ErrorCode.INTERNAL, message: `${name} failed on the server` } });
        }
      }
    };

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as AckFn) : undefined;
      const safe = ack && onceSafe(ack);
      queue = queue
        .then(() => run(String(event), args[0], safe))
        .catch((err: unknown) => sessionLog.error({ err }, 'connection test step failed'));
    });

    socket.on('disconnect', () => {
      gone = true;
      clearTimeout(timer);
      session?.close();
    });
  });

  return {
    get sessions() {
      return total;
    },
  };
}

/** An ack called at most once that never throws into the caller. */
function onceSafe(ack: AckFn): AckFn {
  let sent = false;
  return (res) => {
    if (sent) return;
    sent = true;
    try {
      ack(res);
    } catch {
      // The socket is gone: nobody is left to answer.
    }
  };
}
