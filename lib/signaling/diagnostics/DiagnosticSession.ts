/**
 * One connection test: a router of its own on the least-loaded worker, the caller's test
 * transports, producers and the consumers of those same producers. Small caps keep one test
 * cheap; close() (idempotent) frees everything, and a router closed underneath (its worker died)
 * closes the session too.
 */
import type { types } from 'mediasoup';
import { ErrorCode, ProtocolError, type TransportParams } from '@/lib/protocol';
import { mediaCodecs } from '@/lib/sfu/mediaCodecs';
import { mediaCall } from '@/lib/sfu/mediaCall';
import type { WorkerPool, WorkerSlot } from '@/lib/sfu/WorkerPool';
import type {
  DiagnosticsConsumer,
  DiagnosticsPayload,
  DiagnosticsTransportStats,
  PathProtocol,
} from './protocol';

/** Live at once: a send and a receive transport for two paths. */
const MAX_LIVE_TRANSPORTS = 4;
/** Over the whole session: three paths, twice each (a retry per path). */
const MAX_TRANSPORTS_CREATED = 12;
const MAX_PRODUCERS = 4;
const MAX_CONSUMERS = 4;

type Direction = 'send' | 'recv';

export class DiagnosticSession {
  readonly #router: types.Router;
  readonly #pool: WorkerPool;
  /** The worker slot the router lives on (its WebRtcServer carries the test transports). */
  readonly #slot: WorkerSlot;
  readonly #transports = new Map<string, { transport: types.WebRtcTransport; direction: Direction }>();
  readonly #producers = new Map<string, types.Producer>();
  readonly #consumers = new Map<string, types.Consumer>();
  readonly #onClose: () => void;
  #created = 0;
  #closed = false;

  private constructor(router: types.Router, pool: WorkerPool, slot: WorkerSlot, onClose: () => void) {
    this.#router = router;
    this.#pool = pool;
    this.#slot = slot;
    this.#onClose = onClose;
    router.observer.once('close', () => this.close());
  }

  /** Opens the session's router on the least-loaded worker; `onClose` runs once, however it ends. */
  static async open(pool: WorkerPool, onClose: () => void): Promise<DiagnosticSession> {
    const slot = pool.leastLoaded();
    const router = await slot.worker.createRouter({ mediaCodecs, appData: { diagnostics: true } });
    return new DiagnosticSession(router, pool, slot, onClose);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.#router.rtpCapabilities;
  }

  async createTransport(direction: Direction, protocol: PathProtocol): Promise<TransportParams> {
    this.#assertOpen();
    if (this.#transports.size >= MAX_LIVE_TRANSPORTS || this.#created >= MAX_TRANSPORTS_CREATED) {
      throw new ProtocolError(ErrorCode.LIMIT_REACHED, 'too many test transports; close one first');
    }
    this.#created++;
    const options = pathOptions(this.#pool.transportOptions(this.#slot), protocol);
    const transport = await mediaCall('createTransport', () =>
      this.#router.createWebRtcTransport({ ...options, appData: { direction, protocol } }),
    );
    if (this.#closed) {
      transport.close();
      this.#assertOpen();
    }
    this.#transports.set(transport.id, { transport, direction });
    transport.observer.once('close', () => this.#transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters as TransportParams['dtlsParameters'],
    };
  }

  async connectTransport({ transportId, dtlsParameters }: DiagnosticsPayload<'connectTransport'>) {
    const { transport } = this.#transport(transportId);
    await mediaCall('connectTransport', () =>
      transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters }),
    );
  }

  closeTransport(transportId: string): void {
    this.#transport(transportId).transport.close();
  }

  async produce({ transportId, kind, rtpParameters }: DiagnosticsPayload<'produce'>): Promise<string> {
    const { transport } = this.#transport(transportId, 'send');
    if (this.#producers.size >= MAX_PRODUCERS) {
      throw new ProtocolError(ErrorCode.LIMIT_REACHED, 'too many test streams');
    }
    const producer = await mediaCall('produce', () =>
      transport.produce({
        kind,
        rtpParameters: rtpParameters as types.RtpParameters,
        appData: { transportId },
      }),
    );
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => this.#producers.delete(producer.id));
    return producer.id;
  }

  /** Consumes one of the caller's OWN producers: the loop back through the server. */
  async consume({
    transportId,
    producerId,
    rtpCapabilities,
  }: DiagnosticsPayload<'consume'>): Promise<DiagnosticsConsumer> {
    const { transport } = this.#transport(transportId, 'recv');
    if (!this.#producers.has(producerId)) {
      throw new ProtocolError(ErrorCode.NOT_FOUND, 'no such test stream in this session');
    }
    if (this.#consumers.size >= MAX_CONSUMERS) {
      throw new ProtocolError(ErrorCode.LIMIT_REACHED, 'too many test receivers');
    }
    const caps = rtpCapabilities as types.RtpCapabilities;
    if (!this.#router.canConsume({ producerId, rtpCapabilities: caps })) {
      throw new ProtocolError(ErrorCode.CANNOT_CONSUME, 'this browser cannot receive the test stream');
    }
    const consumer = await mediaCall('consume', () =>
      transport.consume({ producerId, rtpCapabilities: caps, paused: true, appData: { transportId } }),
    );
    this.#consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.#consumers.delete(consumer.id));
    return { id: consumer.id, producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
  }

  async resume(consumerId: string): Promise<void> {
    this.#assertOpen();
    const consumer = this.#consumers.get(consumerId);
    if (!consumer) throw new ProtocolError(ErrorCode.NOT_FOUND, 'no such test receiver in this session');
    await mediaCall('resume', () => consumer.resume());
  }

  async transportStats(transportId: string): Promise<DiagnosticsTransportStats> {
    const { transport } = this.#transport(transportId);
    const [stats] = await mediaCall('serverStats', () => transport.getStats());
    const scores: number[] = [];
    for (const p of this.#producers.values()) {
      if (isOn(p, transport)) for (const s of p.score) scores.push(s.score);
    }
    for (const c of this.#consumers.values()) if (isOn(c, transport)) scores.push(c.score.score);
    return {
      iceState: transport.iceState,
      dtlsState: transport.dtlsState,
      protocol: transport.iceSelectedTuple?.protocol ?? null,
      bytesReceived: stats?.bytesReceived ?? 0,
      bytesSent: stats?.bytesSent ?? 0,
      scores,
    };
  }

  /** Idempotent: closes the router (and with it every transport, producer and consumer). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#router.close();
    this.#transports.clear();
    this.#producers.clear();
    this.#consumers.clear();
    this.#onClose();
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new ProtocolError(ErrorCode.ROOM_CLOSED, 'the test session ended; run the test again');
    }
  }

  #transport(id: string, direction?: Direction) {
    this.#assertOpen();
    const entry = this.#transports.get(id);
    if (!entry) throw new ProtocolError(ErrorCode.NOT_FOUND, 'no such test transport in this session');
    if (direction && entry.direction !== direction) {
      throw new ProtocolError(ErrorCode.WRONG_TRANSPORT, `use a ${direction} transport for this`);
    }
    return entry;
  }
}

/** mediasoup gives producers/consumers no transport id; appData is set by this session. */
function isOn(entity: { appData: types.AppData }, transport: types.WebRtcTransport): boolean {
  return entity.appData.transportId === transport.id;
}

/** The server's usual transport options, offering only the candidates of `protocol`. */
function pathOptions(
  base: types.WebRtcTransportOptions,
  protocol: PathProtocol,
): types.WebRtcTransportOptions {
  const enableUdp = protocol !== 'tcp';
  const enableTcp = protocol !== 'udp';
  const flags = { enableUdp, enableTcp, preferUdp: enableUdp };
  if (base.listenInfos) {
    const listenInfos = base.listenInfos.filter((l) => (l.protocol === 'udp' ? enableUdp : enableTcp));
    return { ...base, ...flags, listenInfos };
  }
  // A WebRtcServer offers its UDP and TCP sockets as the flags allow.
  return { ...base, ...flags } as types.WebRtcTransportOptions;
}
