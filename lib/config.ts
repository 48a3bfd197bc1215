/**
 * Server configuration: the only module that reads process.env. Everything is validated with zod
 * at startup; an invalid value stops the process with a message naming the variable.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/**
 * One TURN server URL as browsers accept it (RFC 7065): turn: or turns:, a host name, IPv4 address
 * or [IPv6] address, an optional port and an optional ?transport=udp|tcp. Nothing else (no user
 * info, path or other query), so a typo is caught at startup instead of by a browser mid-call.
 */
const TURN_URL =
  /^turns?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?(?:\?transport=(?:udp|tcp))?$/;

const turnUrls = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .regex(
            TURN_URL,
            'each URL must look like turn:host[:port][?transport=udp|tcp] or turns:host[:port]',
          )
          .refine((u) => {
            const p = TURN_URL.exec(u)?.[2];
            return p === undefined || (Number(p) >= 1 && Number(p) <= 65535);
          }, 'port must be 1-65535'),
      )
      .min(1, 'list at least one turn: or turns: URL'),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** HTTP port for the web app, Socket.IO and health/stats. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface the HTTP server binds to. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Allowed CORS origin(s) for Socket.IO, comma-separated. Same-origin pages need none. */
    FRONTEND_URL: z.string().optional(),
    /** Reserved for scale-out (multi-node coordination); not used by a single node. */
    REDIS_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    /** Media workers (one per CPU core by default). */
    MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    /**
     * Consumers a room's router may hold before new participants of that room are placed on a
     * router on another worker (piped to the first). One worker sustains about 345 on one core.
     */
    MAX_CONSUMERS_PER_ROUTER: z.coerce.number().int().min(1).max(100_000).default(300),
    /** IP the media workers listen on. */
    RTC_LISTEN_IP: z.string().min(1).default('0.0.0.0'),
    /** IP (or hostname) announced to browsers in ICE candidates: the server's public address. */
    ANNOUNCED_IP: z.string().min(1).optional(),
    /** WebRtcServer mode: worker i listens on UDP+TCP port RTC_BASE_PORT + i. */
    RTC_BASE_PORT: port.default(40000),
    /** Port-range mode (set both): every transport gets its own port from this range. */
    RTC_MIN_PORT: port.optional(),
    RTC_MAX_PORT: port.optional(),
    /** Per-peer caps. */
    MAX_TRANSPORTS_PER_PEER: z.coerce.number().int().min(2).max(16).default(4),
    MAX_PRODUCERS_PER_PEER: z.coerce.number().int().min(1).max(32).default(8),
    MAX_CONSUMERS_PER_PEER: z.coerce.number().int().min(1).max(2000).default(500),
    MAX_PEERS_PER_ROOM: z.coerce.number().int().min(2).max(1000).default(200),
    /**
     * Bits per second the server accepts on one participant's send transport: the three camera
     * simulcast layers (~2.2 Mbps), a screen share (~2.5 Mbps) and audio.
     */
    MAX_INCOMING_BITRATE: z.coerce.number().int().min(100_000).max(50_000_000).default(5_000_000),
    /** Above this many video senders in a meeting, each viewer gets video of the recent speakers only. */
    LAST_N: z.coerce.number().int().min(1).max(1000).default(25),
    /** A room nobody has joined (or everyone left) is closed after this many seconds. */
    EMPTY_ROOM_TIMEOUT_S: z.coerce.number().min(0).max(3600).default(30),
    /** Serve the /dev/* check pages (used by the browser tests). Off in normal use. */
    ENABLE_DEV_PAGES: z
      .enum(['0', '1', 'false', 'true'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    /** Shut down after this many seconds even if cleanup hangs. */
    SHUTDOWN_TIMEOUT_S: z.coerce.number().min(1).max(120).default(8),
    /** Folder for the embedded database (created if missing). */
    DATA_DIR: z.string().min(1).default('./data'),
    /** PostgreSQL instead of the embedded database (needed to run several nodes). */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** Most PostgreSQL connections this node opens. */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /** Behind a reverse proxy: take the client address and scheme from X-Forwarded-For/-Proto. */
    TRUST_PROXY: z.stringbool().default(false),
    /** Secure flag of the session cookie: auto = on https, and in production except on localhost. */
    COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    /** Anyone may start a meeting from the landing page (no host). Off: only hosts create meetings. */
    OPEN_MEETINGS: z
      .enum(['0', '1', 'false', 'true'])
      .default('true')
      .transform((v) => v === '1' || v === 'true'),
    /** Accounts one address may create per hour (brute-force and spam protection). */
    SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
    /** Key that signs meeting tokens (32+ characters). Unset: generated once into DATA_DIR. */
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** TURN servers handed to browsers, comma-separated turn:/turns: URLs. Unset: no TURN. */
    TURN_URLS: turnUrls.optional(),
    /** coturn's static-auth-secret; every participant gets time-limited credentials signed with it. */
    TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Lifetime of TURN credentials in seconds; clients get fresh ones before they expire. */
    TURN_TTL_S: z.coerce.number().int().min(60).max(86_400).default(3600),
    /**
     * How long a participant whose signaling dropped keeps its place (and its media) while it
     * reconnects; also how long a media transport may stay ICE-disconnected before it is closed.
     * 0 turns resume off: a dropped participant leaves at once.
     */
    RESUME_GRACE_S: z.coerce.number().min(0).max(600).default(30),
    /**
     * On SIGTERM, keep running meetings up to this many seconds while refusing new ones, then
     * restart. 0: tell everyone the server restarts and stop at once.
     */
    DRAIN_TIMEOUT_S: z.coerce.number().min(0).max(86_400).default(0),
    /** Folder for recordings (created if missing). Unset: DATA_DIR/recordings. */
    RECORDINGS_DIR: z.string().min(1).optional(),
    /** Recordings this node runs at once (each one is an ffmpeg process: about one CPU core). */
    MAX_RECORDINGS: z.coerce.number().int().min(0).max(64).default(2),
    /** A recording stops by itself after this many minutes (fractions allowed: 0.5 is 30 s). */
    MAX_RECORDING_MINUTES: z.coerce
      .number()
      .min(0.05)
      .max(24 * 60)
      .default(240),
    /** Free disk space (MB) the recordings folder needs before a recording may start. */
    RECORDING_MIN_FREE_MB: z.coerce.number().int().min(0).default(500),
    /** The ffmpeg program that records (Debian's ffmpeg package). */
    FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  })
  .superRefine((env, ctx) => {
    if ((env.RTC_MIN_PORT === undefined) !== (env.RTC_MAX_PORT === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['RTC_MIN_PORT'],
        message: 'set both RTC_MIN_PORT and RTC_MAX_PORT, or neither',
      });
    }
    if (
      env.RTC_MIN_PORT !== undefined &&
      env.RTC_MAX_PORT !== undefined &&
      env.RTC_MIN_PORT > env.RTC_MAX_PORT
    ) {
      ctx.addIssue({ code: 'custom', path: ['RTC_MAX_PORT'], message: 'must be >= RTC_MIN_PORT' });
    }
    if (env.TURN_URLS !== undefined && env.TURN_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['TURN_SECRET'],
        message: "required when TURN_URLS is set: use the TURN server's static-auth-secret",
      });
    }
    if (env.TURN_SECRET !== undefined && env.TURN_URLS === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['TURN_URLS'],
        message: 'required when TURN_SECRET is set: list the TURN server URLs, or unset TURN_SECRET',
      });
    }
  });

/** Where the data lives: an embedded SQLite file, or a PostgreSQL server. */
export type DatabaseConfig =
  { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; poolMax: number };

/** TURN servers and the shared secret their credentials are signed with (see lib/auth/turnCredentials). */
export interface TurnConfig {
  /** turn:/turns: URLs, in the order browsers should try them. */
  urls: string[];
  /** coturn's static-auth-secret. */
  secret: string;
  /** Lifetime of one set of credentials, in seconds. */
  ttlS: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  http: {
    port: number;
    host: string;
    corsOrigins: string[] | false;
    /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of this server. */
    trustProxy: boolean;
  };
  logLevel: string;
  redisUrl: string | undefined;
  media: {
    workers: number;
    /** Consumers on one router of a room before newcomers go to a router on another worker. */
    maxConsumersPerRouter: number;
    logLevel: 'debug' | 'warn' | 'error' | 'none';
    listenIp: string;
    announcedAddress: string;
    /** True when ANNOUNCED_IP was not set and the address was guessed from the interfaces. */
    announcedAddressDetected: boolean;
    /** WebRtcServer base port, or a per-transport port range. */
    ports: { mode: 'webrtc-server'; basePort: number } | { mode: 'range'; min: number; max: number };
    initialAvailableOutgoingBitrate: number;
    maxIncomingBitrate: number;
    /** Video senders a viewer receives at most (recent speakers; pinned and shared screens on top). */
    lastN: number;
    /** Seconds without ICE consent from the browser before a transport counts as disconnected. */
    iceConsentTimeoutS: number;
    /** How long a transport may stay ICE-disconnected (awaiting an ICE restart) before it is closed. */
    iceDisconnectGraceMs: number;
  };
  limits: {
    transportsPerPeer: number;
    producersPerPeer: number;
    consumersPerPeer: number;
    peersPerRoom: number;
    emptyRoomTimeoutMs: number;
  };
  shutdownTimeoutMs: number;
  devPages: boolean;
  /** Absolute path of the data folder. */
  dataDir: string;
  database: DatabaseConfig;
  auth: {
    cookieSecure: 'auto' | 'always' | 'never';
    secret: string | undefined;
    signUpsPerIpPerHour: number;
  };
  openMeetings: boolean;
  /** TURN relay for networks that block direct media; null when not configured. */
  turn: TurnConfig | null;
  resilience: {
    /** How long a dropped participant's place is kept for a resume; 0: no resume. */
    resumeGraceMs: number;
    /** Drain before a restart (SIGTERM) for at most this long; 0: no drain. */
    drainTimeoutMs: number;
  };
  recording: RecordingConfig;
}

/** Server-side recording (lib/recording). */
export interface RecordingConfig {
  /** Absolute path of the recordings folder. */
  dir: string;
  /** Recordings this node runs at once; 0 turns recording off. */
  maxConcurrent: number;
  maxDurationMs: number;
  minFreeBytes: number;
  ffmpegPath: string;
}

/**
 * ICE consent freshness (RFC 7675): browsers send a consent check every ~5 s and the RFC gives
 * up after 30 s without one. Kept at the RFC's value; a transport that loses consent then has
 * RESUME_GRACE_S more for an ICE restart before it is closed.
 */
export const ICE_CONSENT_TIMEOUT_S = 30;

/** File name of the embedded database inside DATA_DIR. */
export const SQLITE_FILE_NAME = 'idea-communicator.sqlite';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(
      `Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`,
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      corsOrigins: e.FRONTEND_URL ? e.FRONTEND_URL.split(',').map((s) => s.trim()) : false,
      trustProxy: e.TRUST_PROXY,
    },
    logLevel: e.LOG_LEVEL ?? (production ? 'warn' : 'debug'),
    redisUrl: e.REDIS_URL,
    media: {
      workers: e.MEDIA_WORKERS ?? os.availableParallelism(),
      maxConsumersPerRouter: e.MAX_CONSUMERS_PER_ROUTER,
      logLevel: production ? 'warn' : e.LOG_LEVEL === 'debug' || e.LOG_LEVEL === 'trace' ? 'debug' : 'warn',
      listenIp: e.RTC_LISTEN_IP,
      announcedAddress: e.ANNOUNCED_IP ?? (production ? detectLanAddress() : '127.0.0.1'),
      announcedAddressDetected: e.ANNOUNCED_IP === undefined && production,
      ports:
        e.RTC_MIN_PORT !== undefined && e.RTC_MAX_PORT !== undefined
          ? { mode: 'range', min: e.RTC_MIN_PORT, max: e.RTC_MAX_PORT }
          : { mode: 'webrtc-server', basePort: e.RTC_BASE_PORT },
      initialAvailableOutgoingBitrate: 1_000_000,
      maxIncomingBitrate: e.MAX_INCOMING_BITRATE,
      lastN: e.LAST_N,
      iceConsentTimeoutS: ICE_CONSENT_TIMEOUT_S,
      iceDisconnectGraceMs: e.RESUME_GRACE_S * 1000,
    },
    limits: {
      transportsPerPeer: e.MAX_TRANSPORTS_PER_PEER,
      producersPerPeer: e.MAX_PRODUCERS_PER_PEER,
      consumersPerPeer: e.MAX_CONSUMERS_PER_PEER,
      peersPerRoom: e.MAX_PEERS_PER_ROOM,
      emptyRoomTimeoutMs: e.EMPTY_ROOM_TIMEOUT_S * 1000,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_S * 1000,
    devPages: e.ENABLE_DEV_PAGES,
    dataDir,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX }
      : { engine: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) },
    auth: {
      cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true' ? 'always' : 'never',
      secret: e.AUTH_SECRET,
      signUpsPerIpPerHour: e.SIGNUPS_PER_IP_PER_HOUR,
    },
    openMeetings: e.OPEN_MEETINGS,
    turn:
      e.TURN_URLS !== undefined && e.TURN_SECRET !== undefined
        ? { urls: e.TURN_URLS, secret: e.TURN_SECRET, ttlS: e.TURN_TTL_S }
        : null,
    resilience: { resumeGraceMs: e.RESUME_GRACE_S * 1000, drainTimeoutMs: e.DRAIN_TIMEOUT_S * 1000 },
    recording: {
      dir: path.resolve(e.RECORDINGS_DIR ?? path.join(dataDir, 'recordings')),
      maxConcurrent: e.MAX_RECORDINGS,
      maxDurationMs: Math.round(e.MAX_RECORDING_MINUTES * 60_000),
      minFreeBytes: e.RECORDING_MIN_FREE_MB * 1024 * 1024,
      ffmpegPath: e.FFMPEG_PATH,
    },
  };
}

/** First non-internal IPv4 address of this machine (falls back to loopback). */
function detectLanAddress(): string {
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return '127.0.0.1';
}
