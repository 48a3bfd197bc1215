/**
 * A TCP proxy that can cut what passes through it: a byte pipe per connection between a client
 * (a browser, a test socket) and the app. `cut(ms)` destroys every open connection and refuses new
 * ones for that long — a real signaling outage (the WebSocket drops) while media, which does not
 * go through the proxy, keeps flowing.
 */
import net from 'node:net';

export interface TcpProxy {
  /** The port clients connect to (on 127.0.0.1). */
  port: number;
  /** Open client connections. */
  readonly connections: number;
  /** Drops every connection now and refuses new ones for `ms` milliseconds. */
  cut(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let refuseUntil = 0;

  const server = net.createServer((client) => {
    if (Date.now() < refuseUntil) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');

  return {
    port: address.port,
    get connections() {
      return [...sockets].filter((s) => !s.destroyed).length / 2;
    },
    async cut(ms) {
      refuseUntil = Date.now() + ms;
      for (const s of sockets) s.destroy();
      sockets.clear();
      await new Promise((r) => setTimeout(r, ms));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
