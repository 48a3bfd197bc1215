/**
 * The ICE side of a browser, reduced to what keeps a mediasoup (ICE-lite) transport connected:
 * STUN Binding requests with the short-term credentials of RFC 8445 (USERNAME
 * "serverUfrag:clientUfrag", MESSAGE-INTEGRITY keyed with the server's ICE password, PRIORITY,
 * ICE-CONTROLLING, USE-CANDIDATE, FINGERPRINT). Each request is a consent check (RFC 7675):
 * stop sending and the transport loses consent. No STUN library is among the project's
 * dependencies, and the messages are small enough to build here.
 */
import { createHmac, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import zlib from 'node:zlib';

const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const ATTR = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  fingerprint: 0x8028,
  priority: 0x0024,
  useCandidate: 0x0025,
  iceControlling: 0x802a,
} as const;

function attribute(type: number, value: Buffer): Buffer {
  const pad = (4 - (value.length % 4)) % 4;
  const head = Buffer.alloc(4);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(value.length, 2);
  return Buffer.concat([head, value, Buffer.alloc(pad)]);
}

function header(bodyLength: number, transactionId: Buffer): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(BINDING_REQUEST, 0);
  h.writeUInt16BE(bodyLength, 2);
  h.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(h, 8);
  return h;
}

/** One ICE consent check for `ice` (the transport's iceParameters). */
export function bindingRequest(ice: { usernameFragment: string; password: string }): Buffer {
  const transactionId = randomBytes(12);
  const priority = Buffer.alloc(4);
  priority.writeUInt32BE(0x6e7f1eff, 0);
  let body = Buffer.concat([
    attribute(ATTR.username, Buffer.from(`${ice.usernameFragment}:client`)),
    attribute(ATTR.priority, priority),
    attribute(ATTR.iceControlling, randomBytes(8)),
    attribute(ATTR.useCandidate, Buffer.alloc(0)),
  ]);
  // MESSAGE-INTEGRITY covers the header with a length that already counts itself (24 bytes).
  const mac = createHmac('sha1', ice.password)
    .update(Buffer.concat([header(body.length + 24, transactionId), body]))
    .digest();
  body = Buffer.concat([body, attribute(ATTR.messageIntegrity, mac)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(
    (zlib.crc32(Buffer.concat([header(body.length + 8, transactionId), body])) ^ 0x5354554e) >>> 0,
  );
  body = Buffer.concat([body, attribute(ATTR.fingerprint, crc)]);
  return Buffer.concat([header(body.length, transactionId), body]);
}

export interface IceClient {
  /** Sends one consent check to the transport's UDP candidate. */
  check(): Promise<void>;
  close(): void;
}

export async function iceClient(
  ice: { usernameFragment: string; password: string },
  candidates: Array<{ protocol: string; address?: string; ip?: string; port: number }>,
): Promise<IceClient> {
  const udp = candidates.find((c) => c.protocol === 'udp');
  if (!udp) throw new Error('the transport has no UDP candidate');
  const address = udp.address ?? udp.ip ?? '127.0.0.1';
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return {
    check: () =>
      new Promise<void>((resolve, reject) => {
        socket.send(bindingRequest(ice), udp.port, address, (err) => (err ? reject(err) : resolve()));
      }),
    close: () => socket.close(),
  };
}
