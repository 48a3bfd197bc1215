/**
 * An HTTP proxy that passes every request to the app but refuses WebSocket upgrades (403, then
 * closes): the network of a client behind a proxy or firewall that breaks WebSockets, so only
 * HTTP long-polling can carry its signaling. Written by hand because it is a few lines over
 * node:http and no dependency of the project does exactly this.
 */
import http from 'node:http';
import type net from 'node:net';

export interface NoWebSocketProxy {
  /** The port clients connect to (on 127.0.0.1). */
  port: number;
  /** WebSocket upgrade requests refused so far. */
  readonly refusedUpgrades: number;
  /** HTTP requests passed to the app so far. */
  readonly passedRequests: number;
  close(): Promise<void>;
}

const REFUSAL = 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

export async function startNoWebSocketProxy(target: {
  host: string;
  port: number;
}): Promise<NoWebSocketProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<net.Socket>();
  let refusedUpgrades = 0;
  let passedRequests = 0;

  const server = http.createServer((req, res) => {
    passedRequests += 1;
    const upstream = http.request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (_req, socket: net.Socket) => {
    refusedUpgrades += 1;
    socket.end(REFUSAL);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');

  let closed: Promise<void> | undefined;
  return {
    port: address.port,
    get refusedUpgrades() {
      return refusedUpgrades;
    },
    get passedRequests() {
      return passedRequests;
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
      })),
  };
}
