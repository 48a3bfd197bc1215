/**
 * Free ports for test servers, so test files can run in parallel. mediasoup's worker i binds
 * UDP+TCP `base + i`, and a worker cannot be asked for "any port", so a base is drawn at random
 * from a wide range and every port of the block is checked free on both protocols before use.
 * Random draws across ~35,000 bases make two parallel files picking overlapping blocks unlikely,
 * and the check catches what is already taken.
 */
import dgram from 'node:dgram';
import net from 'node:net';

const LOW = 20_000;
const HIGH = 55_000;

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', () => {
      sock.close();
      resolve(false);
    });
    sock.bind(port, '127.0.0.1', () => sock.close(() => resolve(true)));
  });
}

/** A base port whose next `count` ports are free for UDP and TCP on 127.0.0.1. */
export async function freeRtcBasePort(count = 2): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = LOW + Math.floor(Math.random() * (HIGH - LOW - count));
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = (await tcpFree(base + i)) && (await udpFree(base + i));
    if (ok) return base;
  }
  throw new Error('no free block of media ports found for a test server');
}
